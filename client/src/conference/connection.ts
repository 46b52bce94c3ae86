import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { chairRoomName, type AccessRole, type Author } from '../../../shared/model/index.js';

export type ConnectionStatus =
  /** First connection, not yet synced: the board is not shown until it is. */
  | { kind: 'connecting' }
  | { kind: 'live' }
  /** Lost the connection after having been live; `pending` local changes wait to be sent. */
  | { kind: 'reconnecting'; pending: number }
  /** The server refused the connection for good (e.g. the link is not valid any more). */
  | { kind: 'closed'; reason: string };

export interface ConnectionState {
  status: ConnectionStatus;
  /** True once the document has synced with the server at least once. */
  loaded: boolean;
}

/** Who is shown in the presence list: what each browser puts in its awareness state. */
export interface PresenceUser extends Author {
  clientId: number;
}

/**
 * One browser's live connection to a conference: the board's Y.Doc and the chair's Y.Doc, each with
 * a stock y-websocket provider, and the connection status for the screen. Nothing is written to the
 * device: the documents live in memory only, and on a reconnect the provider sends whatever changed
 * meanwhile.
 */
export class ConferenceConnection {
  readonly doc = new Y.Doc();
  /** The chair's document: stage, lock and other state only the chair may change. */
  readonly chairDoc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly chairProvider: WebsocketProvider;
  readonly state: StoreApi<ConnectionState>;
  private pending = 0;

  constructor(
    readonly conferenceId: string,
    token: string,
    readonly role: AccessRole,
  ) {
    const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws`;
    this.state = createStore<ConnectionState>(() => ({ status: { kind: 'connecting' }, loaded: false }));
    // The token travels in the Sec-WebSocket-Protocol header, not the URL, so that proxies' access
    // logs never hold it (the server still accepts `?token=` from stock clients).
    const options = { protocols: ['conference-board', `cb-token.${token}`], disableBc: true, maxBackoffTime: 5000 };
    this.provider = new WebsocketProvider(wsUrl, conferenceId, this.doc, options);
    this.chairProvider = new WebsocketProvider(wsUrl, chairRoomName(conferenceId), this.chairDoc, options);
    const onSync = (): void => {
      if (this.provider.synced && this.chairProvider.synced) {
        this.pending = 0;
        this.state.setState({ status: { kind: 'live' }, loaded: true });
      }
    };
    this.provider.on('sync', onSync);
    this.chairProvider.on('sync', onSync);
    this.chairProvider.on('closed', ({ reason }: { code: number; reason: string }) => {
      this.state.setState({ status: { kind: 'closed', reason: reason || 'The server closed the connection.' } });
    });
    this.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'disconnected' && this.state.getState().status.kind !== 'closed') {
        this.state.setState({ status: { kind: 'reconnecting', pending: this.pending } });
      }
    });
    this.provider.on('closed', ({ reason }: { code: number; reason: string }) => {
      this.state.setState({ status: { kind: 'closed', reason: reason || 'The server closed the connection.' } });
    });
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) return;
      const { status } = this.state.getState();
      if (status.kind === 'reconnecting') {
        this.pending++;
        this.state.setState({ status: { kind: 'reconnecting', pending: this.pending } });
      }
    });
  }

  setPresence(me: Author): void {
    this.provider.awareness.setLocalStateField('user', me);
  }

  destroy(): void {
    this.provider.destroy();
    this.chairProvider.destroy();
    this.doc.destroy();
    this.chairDoc.destroy();
  }
}

export function readPresence(connection: ConferenceConnection): PresenceUser[] {
  const users: PresenceUser[] = [];
  connection.provider.awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: Partial<Author> }).user;
    if (user && typeof user.name === 'string' && typeof user.roleLabel === 'string') {
      users.push({
        clientId,
        id: typeof user.id === 'string' ? user.id : String(clientId),
        name: user.name,
        roleLabel: user.roleLabel,
        role: user.role === 'chair' || user.role === 'family' ? user.role : 'professional',
      });
    }
  });
  return users.sort((a, b) => a.name.localeCompare(b.name));
}
