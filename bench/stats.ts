/**
 * The middle of the samples: the mean of the two middle ones for an even count, so that with two
 * runs one slow run does not decide the result alone.
 */
export function median(values: number[]): number {
  if (!values.length) throw new Error('median of no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
