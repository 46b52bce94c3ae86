import { snapshotOfStates, type ConferenceSnapshot } from '../../../../shared/model/index.js';
import { api } from '../../api';
import type { Translator } from '../../i18n/translate';

/**
 * Makes a record's PDF and downloads it. The family's copy is worded in the language of their
 * screen (what people typed is as typed); everyone else's is the agencies' record, in English.
 * The PDF code (jspdf, the fonts) is loaded only now.
 */
export async function downloadRecordPdf(snapshot: ConferenceSnapshot, recordId: string, i18n: Translator, family: boolean): Promise<void> {
  const inTheirLanguage = family && i18n.lang !== 'en';
  const [{ downloadSummary }, wording] = await Promise.all([import('../../pdf'), inTheirLanguage ? import('../../i18n/summary') : null]);
  if (wording) await downloadSummary(wording.localiseSnapshot(snapshot, i18n), recordId, wording.summaryMessages(i18n));
  else await downloadSummary(snapshot, recordId);
}

const bytesOf = (base64: string): Uint8Array => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/** A published version's PDF, made from the version's stored documents (the same file every time). */
export async function downloadVersionPdf(conferenceId: string, token: string, n: number, i18n: Translator, family: boolean): Promise<void> {
  const version = await api.version(conferenceId, token, n);
  await downloadRecordPdf(snapshotOfStates(bytesOf(version.board), bytesOf(version.chair)), conferenceId, i18n, family);
}
