import { useT } from '../i18n/store';

/**
 * Someone else changed what this person was editing: their words, and the choice of which to keep.
 * Nothing is saved over the other person's words without this choice.
 */
export function ConflictNotice({
  what,
  theirs,
  keepMine,
  keepTheirs,
}: {
  what: string;
  theirs: readonly string[];
  keepMine: () => void;
  keepTheirs: () => void;
}): React.JSX.Element {
  const { t } = useT();
  return (
    <div className="conflict" role="alert">
      <p>{t('conflict.changed', { what })}</p>
      {theirs.map((words, i) => (
        <p key={i} dir="auto">
          “{words || t('common.nothing')}”
        </p>
      ))}
      <button type="button" onClick={keepMine}>
        {t('conflict.keepMine')}
      </button>
      <button type="button" onClick={keepTheirs}>
        {t('conflict.keepTheirs')}
      </button>
    </div>
  );
}
