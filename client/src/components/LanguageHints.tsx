import { applySuggestion, findLanguage, type TextContext } from '../../../shared/model/index.js';

/**
 * Kinder wording, suggested as people type. It never blocks: each suggestion can be taken with one
 * click, or ignored.
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
  const hits = findLanguage(text, context);
  if (hits.length === 0) return null;
  return (
    <ul className="language-hints" aria-label="Wording suggestions">
      {hits.map((hit) => (
        <li key={`${hit.start}-${hit.text}`}>
          <span>
            Instead of “{hit.text}”, try: {hit.suggest}
          </span>
          {hit.replaceWith && (
            <button type="button" onClick={() => onChange(applySuggestion(text, hit))}>
              Use “{hit.replaceWith}”
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
