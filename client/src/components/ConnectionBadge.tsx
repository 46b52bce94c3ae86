import type { ConnectionState } from '../conference/connection';

/** Always shows whether this screen is live, and how many changes wait when it is not. */
export function ConnectionBadge({ state }: { state: ConnectionState }): React.JSX.Element {
  const { status } = state;
  let text: string;
  let tone: string;
  switch (status.kind) {
    case 'connecting':
      text = 'Connecting…';
      tone = 'waiting';
      break;
    case 'live':
      text = 'Live';
      tone = 'live';
      break;
    case 'reconnecting':
      text =
        status.pending > 0
          ? `Offline: reconnecting. ${status.pending} ${status.pending === 1 ? 'change waits' : 'changes wait'} to be sent`
          : 'Offline: reconnecting…';
      tone = 'offline';
      break;
    case 'closed':
      text = `Disconnected: ${status.reason}`;
      tone = 'offline';
      break;
  }
  return (
    <p className={`connection ${tone}`} role="status" data-testid="connection-status">
      <span className="dot" aria-hidden="true" />
      {text}
    </p>
  );
}
