/** Statistics of the scores given on one safety scale (0 to 10). */
export interface ScoreStats {
  count: number;
  min: number | null;
  max: number | null;
  /** Highest minus lowest. */
  spread: number | null;
  median: number | null;
}

export function scoreStats(values: readonly number[]): ScoreStats {
  if (values.length === 0) return { count: 0, min: null, max: null, spread: null, median: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  return { count: sorted.length, min, max, spread: max - min, median };
}

export function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10;
}
