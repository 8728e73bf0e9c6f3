// Envoy picks a weighted cluster at random per request, so a measured split is a binomial sample:
// over 2,000 requests at 80/20 one standard deviation is 0.9 points. A fixed "within 3 points" bound
// is 3.35 standard deviations and failed once in many full runs (1661 of 2000). Five standard
// deviations (4.5 points here) fails by chance about once in 1.7 million runs and still catches every
// real mistake a split can make (50/50, 100/0, weights swapped).

/** Asserts `hits` of `total` requests is the share `weight` (0-1) a fair weighted pick gives. */
export function assertWeightedShare(hits: number, total: number, weight: number, label: string): void {
  const sigma = Math.sqrt(total * weight * (1 - weight));
  const bound = 5 * sigma;
  if (Math.abs(hits - total * weight) > bound) {
    throw new Error(`${label} got ${hits} of ${total}; a ${weight * 100}% weight gives ${total * weight} ± ${bound.toFixed(0)} (5σ)`);
  }
}
