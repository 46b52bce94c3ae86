import type { Author } from '../../../shared/model/index.js';
import type { ConferenceConnection } from '../conference/connection';
import { usePresence } from '../conference/hooks';

export function PresenceList({ connection, me }: { connection: ConferenceConnection; me: Author }): React.JSX.Element {
  const people = usePresence(connection);
  return (
    <section className="presence" aria-label="Who is here">
      <h2 className="visually-hidden">Who is here</h2>
      <ul data-testid="presence">
        {people.map((p) => (
          <li key={p.clientId} className={`person role-${p.role}`}>
            <span className="name">{p.name}</span> <span className="role">{p.roleLabel}</span>
            {p.clientId === connection.doc.clientID && p.id === me.id && <span className="you"> (you)</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
