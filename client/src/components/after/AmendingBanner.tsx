import { useT } from '../../i18n/store';

/** On the chair's screen while a request for a change is being carried out: the record is open to the chair alone. */
export function AmendingBanner(): React.JSX.Element {
  const { t } = useT();
  return (
    <p className="banner amending" role="status" data-testid="amending-banner">
      <strong>{t('amend.banner')}</strong> {t('amend.bannerHow')}
    </p>
  );
}
