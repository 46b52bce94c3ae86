import { useId, useState } from 'react';
import { readApologies, readNetwork } from '../../../../shared/model/index.js';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson, usePresence } from '../../conference/hooks';
import { useT } from '../../i18n/store';
import { ageOf, roleOf } from '../../i18n/words';
import { Typed } from '../../i18n/Rich';

export function Introductions(): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, author, details, readOnly } = useConference();
  const { act, can } = useConferenceActions();
  const people = usePresence(connection);
  const network = useDocJson(connection.doc, readNetwork);
  const family = author.role === 'family';
  const [error, setError] = useState<string | null>(null);
  const report = (r: { ok: boolean; message?: string }): void => setError(r.ok ? null : (r.message ?? null));
  return (
    <div className="stage-view">
      <h2>{t(family ? 'intro.title.family' : 'intro.title')}</h2>
      <div className="two-columns">
        <section aria-labelledby="here-h">
          <h3 id="here-h">{t('intro.here')}</h3>
          <ul className="plain-list" data-testid="who-is-here">
            {people.map((p) => (
              <li key={p.clientId}>
                <strong>
                  <Typed>{p.name}</Typed>
                </strong>
                {t('common.listSeparator')}
                <Typed>{roleOf(i18n, p.roleLabel)}</Typed>
              </li>
            ))}
          </ul>
          {author.role === 'chair' && <Apologies />}
          <h3>{t('intro.children')}</h3>
          <ul className="plain-list">
            {details?.children.map((c, i) => (
              <li key={i}>{t('intro.child', { name: c.name, age: ageOf(i18n, c.age) })}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="network-h">
          <h3 id="network-h">{t(family ? 'intro.network.family' : 'intro.network')}</h3>
          <p className="muted">{t('intro.networkHelp')}</p>
          {network.length === 0 ? (
            <p className="muted">{t('intro.nobody')}</p>
          ) : (
            <ul className="network" data-testid="network">
              {network.map((p) => (
                <li key={p.id}>
                  <span>
                    <strong>
                      <Typed>{p.name}</Typed>
                    </strong>
                    {t('common.listSeparator')}
                    <Typed>{p.relationship}</Typed>
                  </span>
                  <label className="choice">
                    <input
                      type="checkbox"
                      checked={p.inSafetyNetwork}
                      disabled={!can.changeRecord('network', p)}
                      onChange={(e) => report(act.updateNetworkPerson(p.id, { inSafetyNetwork: e.target.checked }))}
                    />
                    {t('intro.inSafetyNetwork')}
                  </label>
                  <span className="muted">
                    {p.addedBy.id === author.id ? t('intro.addedByYou') : t('intro.addedBy', { name: p.addedBy.name })}
                  </span>
                  {can.changeRecord('network', p) && (
                    <button
                      type="button"
                      onClick={() => report(act.removeNetworkPerson(p.id))}
                      aria-label={t('intro.takeOffPerson', { name: p.name })}
                    >
                      {t('intro.takeOff')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          {!readOnly && <AddNetworkPerson />}
        </section>
      </div>
    </div>
  );
}

function AddNetworkPerson(): React.JSX.Element {
  const { t } = useT();
  const { act } = useConferenceActions();
  const [name, setName] = useState('');
  const [relationship, setRelationship] = useState('');
  const [inSafetyNetwork, setInSafetyNetwork] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { name: useId(), rel: useId() };
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        const result = act.addNetworkPerson({ name, relationship, inSafetyNetwork });
        if (!result.ok) {
          setError(result.message);
          return;
        }
        setName('');
        setRelationship('');
        setInSafetyNetwork(false);
        setError(null);
      }}
    >
      <h4>{t('intro.add')}</h4>
      <label htmlFor={ids.name}>{t('intro.theirName')}</label>
      <input id={ids.name} dir="auto" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      <label htmlFor={ids.rel}>{t('intro.relationship')}</label>
      <input
        id={ids.rel}
        dir="auto"
        value={relationship}
        onChange={(e) => setRelationship(e.target.value)}
        placeholder={t('intro.relationshipExample')}
      />
      <label className="choice">
        <input type="checkbox" checked={inSafetyNetwork} onChange={(e) => setInSafetyNetwork(e.target.checked)} />
        {t('intro.willHelp')}
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{t('intro.addToList')}</button>
    </form>
  );
}

/** The chair records who was invited but could not come. */
function Apologies(): React.JSX.Element {
  const i18n = useT();
  const { t } = i18n;
  const { connection, readOnly } = useConference();
  const { act } = useConferenceActions();
  const apologies = useDocJson(connection.doc, readApologies);
  const [name, setName] = useState('');
  const id = useId();
  return (
    <div className="inline-form">
      <h3>{t('apologies.title')}</h3>
      <p dir="auto">{apologies.length ? i18n.list(apologies) : t('apologies.none')}</p>
      {!readOnly && (
        <>
          <label htmlFor={id}>{t('apologies.label')}</label>
          <input id={id} dir="auto" value={name} onChange={(e) => setName(e.target.value)} />
          <button
            type="button"
            onClick={() => {
              if (name.trim()) act.setApologies([...apologies, name]);
              setName('');
            }}
          >
            {t('apologies.add')}
          </button>
        </>
      )}
    </div>
  );
}
