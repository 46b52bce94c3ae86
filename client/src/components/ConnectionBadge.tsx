import type { ConnectionState } from '../conference/connection';
import { useT } from '../i18n/store';
import { closedWords } from '../i18n/words';

/** Always shows whether this screen is live, and how many changes wait when it is not. */
export function ConnectionBadge({ state }: { state: ConnectionState }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { status } = state;
  let text: string;
  let tone: string;
  switch (status.kind) {
    case 'connecting':
      text = t('connection.connecting');
      tone = 'waiting';
      break;
    case 'live':
      text = t('connection.live');
      tone = 'live';
      break;
    case 'reconnecting':
      text = status.pending > 0 ? t('connection.waiting', { count: status.pending }) : t('connection.reconnecting');
      tone = 'offline';
      break;
    case 'closed':
      text = t('connection.closed', { reason: closedWords(i18n, status.code, status.removed) });
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
