/**
 * Deterministic pseudo-random numbers in [0, 1) (mulberry32): the one seeded generator
 * every test uses, so that a failing schedule or data set can be replayed from its seed.
 *
 * @example
 * const random = seededRandom(7);
 * random(); // the same sequence on every run
 */
export const seededRandom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** A random element of a list. */
export const pickWith =
  (random: () => number) =>
  <T>(list: readonly T[]): T =>
    list[Math.floor(random() * list.length)]!;
