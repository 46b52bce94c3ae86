/** The stages of a conference, in order (City and Hackney, South Gloucestershire and a London borough's conference guidance; see docs/guide.md). */
export const STAGES = [
  { id: 'introductions', label: 'Welcome and introductions', familyLabel: 'Welcome: who is here' },
  { id: 'board', label: 'Information sharing', familyLabel: 'What everyone knows' },
  { id: 'danger', label: 'Danger statements and safety goals', familyLabel: 'What we are worried about, and what needs to happen' },
  { id: 'scaling', label: 'Scaling', familyLabel: 'How safe things are now (0 to 10)' },
  { id: 'plan', label: 'The plan', familyLabel: 'The plan: who does what, by when' },
  { id: 'contingency', label: 'Contingency', familyLabel: 'What happens if things do not change' },
  { id: 'decision', label: 'Decision', familyLabel: 'The decision' },
  { id: 'next', label: 'Next steps', familyLabel: 'What happens next' },
  { id: 'end', label: 'End', familyLabel: 'The end of the meeting' },
] as const;

export type StageId = (typeof STAGES)[number]['id'];

export function isStageId(value: unknown): value is StageId {
  return typeof value === 'string' && STAGES.some((s) => s.id === value);
}

export function stageLabel(id: StageId, family = false): string {
  const stage = STAGES.find((s) => s.id === id);
  if (!stage) return id;
  return family ? stage.familyLabel : stage.label;
}
