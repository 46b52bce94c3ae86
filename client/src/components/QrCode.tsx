import { useEffect, useState } from 'react';
import { useT } from '../i18n/store';

/** A QR code for a link, so a tablet or phone can open it with its camera. */
export function QrCode({ text, label }: { text: string; label: string }): React.JSX.Element {
  const { t } = useT();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    // The QR library is loaded when a code is first drawn, not with the board.
    import('qrcode')
      .then(({ default: QRCode }) => QRCode.toDataURL(text, { margin: 2, width: 240, errorCorrectionLevel: 'M' }))
      .then((url) => !cancelled && setSrc(url))
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
    };
  }, [text]);
  if (failed) return <p className="error">{t('qr.failed')}</p>;
  return src ? <img className="qr" src={src} alt={label} width={240} height={240} /> : <p role="status">{t('qr.drawing')}</p>;
}
