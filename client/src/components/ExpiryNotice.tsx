import type { Me } from '../api';

/** Warns the chair that a meeting left unended will be deleted if nobody opens it for a while. */
export function ExpiryNotice({ expiry }: { expiry: NonNullable<Me['expiry']> }): React.JSX.Element {
  const days = (n: number): string => `${n} ${n === 1 ? 'day' : 'days'}`;
  return (
    <aside className="expiry-notice" role="alert" data-testid="expiry-notice">
      <strong>This meeting has not been ended, and nobody had opened it for {days(expiry.idleDays)}.</strong> A conference that is not ended
      is deleted, with everything in it, once nobody has opened it for {days(expiry.deletedAfterIdleDays)}. Opening it now starts that count
      again. If the meeting is over, end it so that its record is kept and can be downloaded.
    </aside>
  );
}
