import { useId } from 'react';
import { LANGUAGES, isLanguageCode } from '../i18n/languages';
import { setLanguage, useT } from '../i18n/store';
import { GlobeIcon } from './GlobeIcon';

/**
 * Chooses the screen's language. Each language is named in its own script ("Polski", "اردو"), so
 * a person finds theirs whatever the screen is in now. A translation awaiting review says so.
 */
export function LanguagePicker({ note = false }: { note?: boolean }): React.JSX.Element {
  const i18n = useT();
  const id = useId();
  return (
    <div className="language-picker">
      <label htmlFor={id}>
        <GlobeIcon /> {i18n.t('language.label')}
        {i18n.lang !== 'en' && <span lang="en"> (Language)</span>}
      </label>
      <select
        id={id}
        value={i18n.lang}
        onChange={(e) => {
          if (isLanguageCode(e.target.value)) void setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.tag} dir={l.dir}>
            {l.name}
          </option>
        ))}
      </select>
      {note && i18n.lang !== 'en' && <p className="muted review-note">{i18n.t('language.review')}</p>}
    </div>
  );
}
