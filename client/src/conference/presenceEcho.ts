import type { WebsocketProvider } from 'y-websocket';

/**
 * The stock y-websocket provider sends every presence change it hears from the server straight
 * back to the server: in a room of n people, each change of anyone's presence comes back n − 1
 * times, which the server then has to read and drop. This makes the provider send only what
 * changed here (its own presence, or its going away), which is all the server ever needs.
 */
export function sendOwnPresenceOnly(provider: WebsocketProvider): void {
  const stock = provider._awarenessUpdateHandler;
  const ownOnly: typeof stock = (changes, origin) => {
    // The provider applies what it hears from the server with itself as the origin.
    if (origin !== provider) stock(changes, origin);
  };
  provider.awareness.off('update', stock);
  provider.awareness.on('update', ownOnly);
  // destroy() takes the handler off by this name.
  provider._awarenessUpdateHandler = ownOnly;
}
