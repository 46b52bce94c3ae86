import type { Author } from '../../../shared/model/index.js';
import type { ConferenceConnection } from '../conference/connection';
import { usePresence } from '../conference/hooks';
import { useT } from '../i18n/store';
import { roleOf } from '../i18n/words';
import { Typed } from '../i18n/Rich';

/** Who is here, each person once (on the tablet in one line that scrolls sideways, so the content comes first). */
export function PresenceList({ connection, me }: { connection: ConferenceConnection; me: Author }): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const people = usePresence(connection);
  return (
    <section className="presence" aria-label={t('presence.title')}>
      <h2 className="visually-hidden">{t('presence.title')}</h2>
      <ul data-testid="presence">
        {people.map((p) => (
          <li key={p.clientId} className={`person role-${p.role}`}>
            <Typed>
              <span className="name">{p.name}</span>
            </Typed>{' '}
            <span className="role">{roleOf(i18n, p.roleLabel)}</span>
            {p.id === me.id && <span className="you"> {t('presence.you')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
