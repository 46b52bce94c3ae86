import { useId, useState } from 'react';
import { readApologies, readNetwork } from '../../../../shared/model/index.js';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useDocJson, usePresence } from '../../conference/hooks';

export function Introductions(): React.JSX.Element {
  const { connection, author, details, readOnly } = useConference();
  const { act, can } = useConferenceActions();
  const people = usePresence(connection);
  const network = useDocJson(connection.doc, readNetwork);
  const family = author.role === 'family';
  const [error, setError] = useState<string | null>(null);
  const report = (r: { ok: boolean; message?: string }): void => setError(r.ok ? null : (r.message ?? null));
  return (
    <div className="stage-view">
      <h2>{family ? 'Welcome: who is here' : 'Welcome and introductions'}</h2>
      <div className="two-columns">
        <section aria-labelledby="here-h">
          <h3 id="here-h">Who is here</h3>
          <ul className="plain-list" data-testid="who-is-here">
            {people.map((p) => (
              <li key={p.clientId}>
                <strong>{p.name}</strong>, {p.roleLabel}
              </li>
            ))}
          </ul>
          {author.role === 'chair' && <Apologies />}
          <h3>The children</h3>
          <ul className="plain-list">
            {details?.children.map((c, i) => (
              <li key={i}>
                {c.name}, {c.age === 0 ? 'under one' : `${c.age} years old`}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="network-h">
          <h3 id="network-h">{family ? 'The people who are important to your family' : 'The family’s network'}</h3>
          <p className="muted">Anyone can add people: family, friends, neighbours, anyone who helps.</p>
          {network.length === 0 ? (
            <p className="muted">Nobody added yet.</p>
          ) : (
            <ul className="network" data-testid="network">
              {network.map((p) => (
                <li key={p.id}>
                  <span>
                    <strong>{p.name}</strong>, {p.relationship}
                  </span>
                  <label className="choice">
                    <input
                      type="checkbox"
                      checked={p.inSafetyNetwork}
                      disabled={!can.changeRecord('network', p)}
                      onChange={(e) => report(act.updateNetworkPerson(p.id, { inSafetyNetwork: e.target.checked }))}
                    />
                    In the safety network
                  </label>
                  <span className="muted">added by {p.addedBy.id === author.id ? 'you' : p.addedBy.name}</span>
                  {can.changeRecord('network', p) && (
                    <button type="button" onClick={() => report(act.removeNetworkPerson(p.id))} aria-label={`Take ${p.name} off the list`}>
                      Take off
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
      <h4>Add someone</h4>
      <label htmlFor={ids.name}>Their name</label>
      <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      <label htmlFor={ids.rel}>Who they are to the family</label>
      <input
        id={ids.rel}
        value={relationship}
        onChange={(e) => setRelationship(e.target.value)}
        placeholder="for example: Gran, neighbour, family friend"
      />
      <label className="choice">
        <input type="checkbox" checked={inSafetyNetwork} onChange={(e) => setInSafetyNetwork(e.target.checked)} />
        In the safety network (will help keep the children safe)
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">Add to the list</button>
    </form>
  );
}

/** The chair records who was invited but could not come. */
function Apologies(): React.JSX.Element {
  const { connection, readOnly } = useConference();
  const { act } = useConferenceActions();
  const apologies = useDocJson(connection.doc, readApologies);
  const [name, setName] = useState('');
  const id = useId();
  return (
    <div className="inline-form">
      <h3>Apologies</h3>
      <p>{apologies.length ? apologies.join(', ') : 'None recorded.'}</p>
      {!readOnly && (
        <>
          <label htmlFor={id}>Someone invited who could not come (name and role)</label>
          <input id={id} value={name} onChange={(e) => setName(e.target.value)} />
          <button
            type="button"
            onClick={() => {
              if (name.trim()) act.setApologies([...apologies, name]);
              setName('');
            }}
          >
            Add to apologies
          </button>
        </>
      )}
    </div>
  );
}
