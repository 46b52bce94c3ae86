import type * as Y from 'yjs';
import { isOutcome, type Outcome } from './outcomes.js';
import { boardRoot } from './schema.js';
import { cleanNamedPerson, newEnteredSubject } from './scores.js';
import type { Author } from './types.js';
import { cleanText, LIMITS, ValidationError } from './validation.js';

/**
 * Each professional's recommendation, with any dissent and its reasons (stage 7), keyed by the
 * participant id of whoever gave it, or `entered-…` for one the chair typed in for someone
 * without a device.
 */
export interface Recommendation {
  subject: string;
  participantId: string | null;
  name: string;
  roleLabel: string;
  recommendation: Outcome;
  reason: string;
  dissent: string;
  at: number;
  enteredBy: string | null;
}

function clean(input: { recommendation: Outcome; reason: string; dissent?: string }): Pick<Recommendation, 'recommendation' | 'reason' | 'dissent'> {
  if (!isOutcome(input.recommendation)) throw new ValidationError('recommendation', 'choose-recommendation');
  return {
    recommendation: input.recommendation,
    reason: cleanText('reason', 'the reason for your recommendation', input.reason, LIMITS.reason),
    dissent: cleanText('dissent', 'the reasons for your dissent', input.dissent ?? '', LIMITS.dissent, false),
  };
}

export function setRecommendation(
  doc: Y.Doc,
  by: Author,
  input: { recommendation: Outcome; reason: string; dissent?: string },
  now: number = Date.now(),
): void {
  const c = clean(input);
  boardRoot(doc, 'recommendations').set(by.id, {
    participantId: by.id,
    name: by.name,
    roleLabel: by.roleLabel,
    ...c,
    at: now,
    enteredBy: null,
  });
}

/** The chair types in the recommendation of a professional without a device. */
export function enterRecommendationFor(
  doc: Y.Doc,
  chair: Author,
  input: { recommendation: Outcome; reason: string; dissent?: string; name: string; roleLabel: string },
  now: number = Date.now(),
): void {
  const c = clean(input);
  const person = cleanNamedPerson({ ...input, role: 'professional' });
  boardRoot(doc, 'recommendations').set(newEnteredSubject(), {
    participantId: null,
    name: person.name,
    roleLabel: person.roleLabel,
    ...c,
    at: now,
    enteredBy: chair.id,
  });
}

export function readRecommendations(doc: Y.Doc): Recommendation[] {
  const out: Recommendation[] = [];
  boardRoot(doc, 'recommendations').forEach((v, subject) => {
    const r = v as Partial<Recommendation> | null;
    if (!r || typeof r !== 'object' || !isOutcome(r.recommendation)) return;
    out.push({
      subject,
      participantId: typeof r.participantId === 'string' ? r.participantId : null,
      name: typeof r.name === 'string' ? r.name : '',
      roleLabel: typeof r.roleLabel === 'string' ? r.roleLabel : '',
      recommendation: r.recommendation,
      reason: typeof r.reason === 'string' ? r.reason : '',
      dissent: typeof r.dissent === 'string' ? r.dissent : '',
      at: typeof r.at === 'number' ? r.at : 0,
      enteredBy: typeof r.enteredBy === 'string' ? r.enteredBy : null,
    });
  });
  return out.sort((a, b) => a.at - b.at);
}
