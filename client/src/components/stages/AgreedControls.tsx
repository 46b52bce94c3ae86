import { agreedKey, changedAfter, type AgreeableRoot } from '../../../../shared/model/index.js';
import { useConferenceActions } from '../../conference/actions';
import { useConference } from '../../conference/context';
import { useT } from '../../i18n/store';

/**
 * Whether the chair has marked a record agreed, and for the chair the button to do so. Once agreed,
 * only the chair can change it; a change the chair makes afterwards is shown as such.
 */
export function AgreedControls({
  root,
  record,
  label,
}: {
  root: AgreeableRoot | 'contingency';
  record: { id: string; changedAt: number };
  label: string;
}): React.JSX.Element | null {
  const { t } = useT();
  const { chair, author } = useConference();
  const { act, can } = useConferenceActions();
  const key = root === 'contingency' ? 'contingency' : agreedKey(root, record.id);
  const agreedAt = chair.settledAt[key];
  const agreed = chair.agreed.has(key);
  const changedSince = agreed && changedAfter(agreedAt, record.changedAt);
  const family = author.role === 'family';
  return (
    <div className="agreed-controls">
      {agreed && <span className="badge confirmed">{t('agreed.badge')}</span>}
      {changedSince && <span className="badge changed">{t('agreed.changed')}</span>}
      {can.settle && (
        <button
          type="button"
          aria-pressed={agreed}
          onClick={() => act.agree(key, !agreed)}
          aria-label={t(agreed ? 'agreed.unmarkRecord' : 'agreed.markRecord', { label })}
        >
          {t(agreed ? 'agreed.unmark' : 'agreed.mark')}
        </button>
      )}
      {!agreed && !can.isChair && !family && <span className="muted">{t('agreed.notYet')}</span>}
    </div>
  );
}
