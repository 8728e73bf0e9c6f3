// Pure helpers of the weights editor: weights are relative, so what a user wants to see is shares.

/** Each weight's share of the total in percent (0 when nothing has weight), rounded to one decimal. */
export function sharesOf(weights: number[]): number[] {
  const clean = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const total = clean.reduce((a, b) => a + b, 0);
  return clean.map((w) => (total === 0 ? 0 : Math.round((w / total) * 1000) / 10));
}

/** Whole weights as even as possible that add up to 100 (earlier targets take the remainder). */
export function evenWeights(count: number): number[] {
  if (count <= 0) return [];
  const base = Math.floor(100 / count);
  const remainder = 100 - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < remainder ? 1 : 0));
}
