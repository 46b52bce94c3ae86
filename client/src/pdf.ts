import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { buildSummaryPdf, summaryFaces, summaryFileName } from '../../shared/pdf/summary.js';
import type { SummaryMessages } from '../../shared/pdf/messages.js';
import type { ShapingKit } from '../../shared/pdf/text/kit.js';
import type { FaceNeed } from '../../shared/pdf/text/scripts.js';
import type { ConferenceSnapshot } from '../../shared/model/index.js';
import { saveFile } from './saveFile';

/**
 * Makes the summary PDF in the browser. This module (with jspdf and the fonts) is loaded only when
 * someone asks for the PDF, so it does not weigh on the board's first load. A record with Arabic,
 * Urdu, Bengali or Gurmukhi text also loads the shaping engine (HarfBuzz) and just the Noto fonts
 * it needs; a record in Latin script loads neither.
 */
async function bytesOf(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error('The font for the PDF could not be loaded.');
  return new Uint8Array(await res.arrayBuffer());
}

async function base64Of(url: string): Promise<string> {
  const bytes = await bytesOf(url);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function shapingFor(needs: FaceNeed[]): Promise<ShapingKit> {
  const [{ loadShapingKit }, { FACE_URLS }] = await Promise.all([import('../../shared/pdf/text/kit.js'), import('./pdfFonts')]);
  return loadShapingKit(needs, (need) => bytesOf(FACE_URLS[need.face][need.weight]));
}

export async function downloadSummary(snapshot: ConferenceSnapshot, recordId: string, messages?: SummaryMessages): Promise<void> {
  const needs = summaryFaces(snapshot, messages);
  const [regular, bold, shaping] = await Promise.all([
    base64Of(regularUrl),
    base64Of(boldUrl),
    needs.length ? shapingFor(needs) : Promise.resolve(undefined),
  ]);
  const bytes = buildSummaryPdf(snapshot, { regular, bold, ...(shaping ? { shaping } : {}) }, { recordId, ...(messages ? { messages } : {}) });
  saveFile(new Blob([bytes.slice().buffer as ArrayBuffer], { type: 'application/pdf' }), summaryFileName(snapshot));
}
