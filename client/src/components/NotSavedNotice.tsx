import { useEffect, useRef, useState } from 'react';
import type { LoggedAction } from '../conference/connection';
import type { Refusal } from '../../../shared/model/index.js';
import { useT } from '../i18n/store';
import { refusalWords } from '../i18n/words';

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
  const i18n = useT();
  const { t } = i18n;
  const ref = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<number | null>(null);
  useEffect(() => ref.current?.focus(), [notSaved.at]);
  return (
    <section
      className="not-saved banner warning"
      role="alert"
      aria-labelledby="not-saved-h"
      tabIndex={-1}
      ref={ref}
      data-testid="not-saved"
    >
      <h2 id="not-saved-h">{t('saving.notSavedTitle')}</h2>
      <ul>
        {notSaved.notSaved.map(({ action, refusal }, i) => (
          <li key={i}>
            <p>
              {refusal
                ? t('saving.notSaved', { what: action.description(i18n), why: refusalWords(i18n, refusal.code) })
                : t('saving.notSavedAfter', { what: action.description(i18n) })}
            </p>
            {action.words && (
              <>
                <p>
                  {t('saving.yourWords')}{' '}
                  <q dir="auto" className="typed">
                    {action.words}
                  </q>
                </p>
                <button
                  type="button"
                  onClick={() => {
                    void navigator.clipboard?.writeText(action.words).then(() => setCopied(i));
                  }}
                >
                  {t(copied === i ? 'saving.copied' : 'saving.copy')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {notSaved.redone > 0 && <p>{t('saving.redone', { count: notSaved.redone })}</p>}
      <p>{t('saving.upToDate')}</p>
      <button type="button" className="primary" onClick={onDismiss}>
        {t('saving.dismiss')}
      </button>
    </section>
  );
}
