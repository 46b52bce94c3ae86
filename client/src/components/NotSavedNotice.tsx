import { useEffect, useRef, useState } from 'react';
import type { LoggedAction } from '../conference/connection';
import type { Refusal } from '../../../shared/model/index.js';
import { REFUSAL_WORDS, SAVING_WORDS } from '../messages';

export interface NotSaved {
  notSaved: Array<{ action: LoggedAction; refusal: Refusal | null }>;
  redone: number;
  at: number;
}

/**
 * After the server refused a change: what was not saved and why, with the person's own words so
 * nothing they typed is lost, and how many of their other changes were sent again.
 */
export function NotSavedNotice({ notSaved, onDismiss }: { notSaved: NotSaved; onDismiss: () => void }): React.JSX.Element {
  const ref = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<number | null>(null);
  useEffect(() => ref.current?.focus(), [notSaved.at]);
  return (
    <section className="not-saved banner warning" role="alert" aria-labelledby="not-saved-h" tabIndex={-1} ref={ref} data-testid="not-saved">
      <h2 id="not-saved-h">{SAVING_WORDS.notSavedTitle}</h2>
      <ul>
        {notSaved.notSaved.map(({ action, refusal }, i) => (
          <li key={i}>
            <p>
              {refusal ? SAVING_WORDS.notSaved(action.description, REFUSAL_WORDS[refusal.code]) : SAVING_WORDS.notSavedAfter(action.description)}
            </p>
            {action.words && (
              <>
                <p>
                  {SAVING_WORDS.yourWords} <q>{action.words}</q>
                </p>
                <button
                  type="button"
                  onClick={() => {
                    void navigator.clipboard?.writeText(action.words).then(() => setCopied(i));
                  }}
                >
                  {copied === i ? SAVING_WORDS.copied : SAVING_WORDS.copy}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {notSaved.redone > 0 && <p>{SAVING_WORDS.redone(notSaved.redone)}</p>}
      <p>{SAVING_WORDS.upToDate}</p>
      <button type="button" className="primary" onClick={onDismiss}>
        {SAVING_WORDS.dismiss}
      </button>
    </section>
  );
}
