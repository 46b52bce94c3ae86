import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { buildSummaryPdf, summaryFileName } from '../../shared/pdf/summary.js';
import type { ConferenceSnapshot } from '../../shared/model/index.js';

/**
 * Makes the summary PDF in the browser. This module (with jspdf and the fonts) is loaded only when
 * someone asks for the PDF, so it does not weigh on the board's first load.
 */
async function base64Of(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error('The font for the PDF could not be loaded.');
  const bytes = new Uint8Array(await res.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function downloadSummary(snapshot: ConferenceSnapshot): Promise<void> {
  const [regular, bold] = await Promise.all([base64Of(regularUrl), base64Of(boldUrl)]);
  const bytes = buildSummaryPdf(snapshot, { regular, bold });
  const blob = new Blob([bytes.slice().buffer as ArrayBuffer], { type: 'application/pdf' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = summaryFileName(snapshot);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
