import { applySuggestion, findLanguage, offersHints, type AccessRole, type TextContext } from '../../../shared/model/index.js';
import { useConference } from '../conference/context';
import { useT } from '../i18n/store';

/**
 * Kinder wording, suggested as people type. It never blocks: each suggestion can be taken with one
 * click, or ignored. The word list is English (it matches English words as typed); the sentence
 * around each suggestion is in the screen's language. Hints are for professionals writing about a
 * family: a family member or young person never sees them on their own words, and nobody sees them
 * on words the family wrote (`author`: the role of whoever wrote the text being changed).
 */
export function LanguageHints({
  text,
  onChange,
  context = 'general',
  author = null,
}: {
  text: string;
  onChange: (text: string) => void;
  context?: TextContext;
  author?: AccessRole | null;
}): React.JSX.Element | null {
  const { t } = useT();
  const writer = useConference().author.role;
  const hits = offersHints(writer, author) ? findLanguage(text, context) : [];
  if (hits.length === 0) return null;
  return (
    <ul className="language-hints" aria-label={t('hints.list')}>
      {hits.map((hit) => (
        <li key={`${hit.start}-${hit.text}`}>
          <span>{t('hints.insteadOf', { text: hit.text, suggest: hit.suggest })}</span>
          {hit.replaceWith && (
            <button type="button" onClick={() => onChange(applySuggestion(text, hit))}>
              {t('hints.use', { text: hit.replaceWith })}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
