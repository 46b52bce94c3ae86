import { applySuggestion, findLanguage, type TextContext } from '../../../shared/model/index.js';
import { useT } from '../i18n/store';

/**
 * Kinder wording, suggested as people type. It never blocks: each suggestion can be taken with one
 * click, or ignored. The word list is English (it matches English words as typed); the sentence
 * around each suggestion is in the screen's language.
 */
export function LanguageHints({
  text,
  onChange,
  context = 'general',
}: {
  text: string;
  onChange: (text: string) => void;
  context?: TextContext;
}): React.JSX.Element | null {
  const { t } = useT();
  const hits = findLanguage(text, context);
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
