import type { Me } from '../api';
import { useT } from '../i18n/store';

/** Warns the chair that a meeting left unended will be deleted if nobody opens it for a while. */
export function ExpiryNotice({ expiry }: { expiry: NonNullable<Me['expiry']> }): React.JSX.Element {
  const { t } = useT();
  return (
    <aside className="expiry-notice" role="alert" data-testid="expiry-notice">
      <strong>{t('expiry.idle', { count: expiry.idleDays })}</strong> {t('expiry.deleted', { count: expiry.deletedAfterIdleDays })}{' '}
      {t('expiry.again')}
    </aside>
  );
}
