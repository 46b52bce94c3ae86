import { useEffect, useMemo, useState } from 'react';
import type { AccessRole, Author } from '../../../shared/model/index.js';
import { ConferenceConnection } from '../conference/connection';
import { useConnectionState } from '../conference/hooks';
import type { Me } from '../session';
import { Board } from './Board';
import { ConnectionBadge } from './ConnectionBadge';
import { InvitePanel } from './InvitePanel';
import { PresenceList } from './PresenceList';

interface Props {
  conferenceId: string;
  token: string;
  role: AccessRole;
  me: Me;
}

export function ConferenceView({ conferenceId, token, role, me }: Props): React.JSX.Element | null {
  const [connection, setConnection] = useState<ConferenceConnection | null>(null);
  const author: Author = useMemo(() => ({ id: me.participantId, name: me.name, roleLabel: me.roleLabel, role }), [me, role]);

  useEffect(() => {
    const conn = new ConferenceConnection(conferenceId, token, role);
    setConnection(conn);
    return () => conn.destroy();
  }, [conferenceId, token, role]);

  useEffect(() => {
    connection?.setPresence(author);
  }, [connection, author]);

  if (!connection) return null;
  return <LiveConference connection={connection} author={author} />;
}

function LiveConference({ connection, author }: { connection: ConferenceConnection; author: Author }): React.JSX.Element {
  const state = useConnectionState(connection);
  return (
    <div className={`conference role-${author.role}`}>
      <header className="topbar">
        <h1 className="title">Conference Board</h1>
        <ConnectionBadge state={state} />
        <PresenceList connection={connection} me={author} />
      </header>
      {author.role === 'chair' && <InvitePanel conferenceId={connection.conferenceId} />}
      {state.status.kind === 'closed' && !state.loaded ? (
        <main className="centre">
          <h2>We could not open this conference</h2>
          <p role="alert">{state.status.reason}</p>
        </main>
      ) : state.loaded ? (
        <Board connection={connection} author={author} />
      ) : (
        <main className="centre" aria-busy="true">
          <p role="status">Loading the board…</p>
        </main>
      )}
    </div>
  );
}
