/**
 * The five headings of the assessment board (City and Hackney guidance, see docs/data-model.md).
 * `label` is the heading professionals use; `familyLabel` is the plain-language heading the
 * family sees on their screen.
 */
export const COLUMN_IDS = ['danger', 'safety', 'strengths', 'complicating', 'grey'] as const;

export type ColumnId = (typeof COLUMN_IDS)[number];

export interface ColumnInfo {
  id: ColumnId;
  label: string;
  familyLabel: string;
  hint: string;
}

export const COLUMNS: readonly ColumnInfo[] = [
  {
    id: 'danger',
    label: 'Danger / Risks',
    familyLabel: 'What we are worried about',
    hint: 'What has happened, and what might happen if nothing changes.',
  },
  {
    id: 'safety',
    label: 'Safety',
    familyLabel: 'What keeps the children safe',
    hint: 'Times the children were kept safe, even when things were hard.',
  },
  {
    id: 'strengths',
    label: 'Strengths / Protective factors',
    familyLabel: 'What is going well',
    hint: 'Good things about the family, the people around them and the community.',
  },
  {
    id: 'complicating',
    label: 'Complicating factors',
    familyLabel: 'What makes things harder',
    hint: 'Things that make life harder for the family.',
  },
  {
    id: 'grey',
    label: 'Grey areas',
    familyLabel: 'What we are not sure about',
    hint: 'Things people disagree about, or do not know yet.',
  },
];

export function isColumnId(value: unknown): value is ColumnId {
  return typeof value === 'string' && (COLUMN_IDS as readonly string[]).includes(value);
}

export function columnInfo(id: ColumnId): ColumnInfo {
  const info = COLUMNS.find((c) => c.id === id);
  if (!info) throw new Error(`Unknown column ${id}`);
  return info;
}
