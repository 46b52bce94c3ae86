/** What a conference can decide (stage 7), and the categories of a child protection plan. */
export const OUTCOMES = {
  cp: 'Child protection plan',
  cin: 'Child in need plan',
  other: 'Other support',
  nfa: 'No further action',
} as const;
export type Outcome = keyof typeof OUTCOMES;
export const isOutcome = (v: unknown): v is Outcome => typeof v === 'string' && Object.prototype.hasOwnProperty.call(OUTCOMES, v);

export const CP_CATEGORIES = ['Neglect', 'Physical abuse', 'Emotional abuse', 'Sexual abuse'] as const;

/**
 * The local sub-category a London borough records for adolescents at risk outside the home (its
 * Young Person's Safety conference): offered by default in that kind of conference.
 */
export const EXTRA_FAMILIAL_HARM = 'Neglect: extra-familial harm';
