/**
 * Seeded pseudo-random numbers for the seed data. Every generator takes one of these instead
 * of Math.random so that the same seed always yields the same data set (reproducible demos,
 * tests that can name an enterprise by key, bug reports that can be replayed).
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(arr: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A shuffled copy; the input is left untouched. */
  shuffle<T>(arr: readonly T[]): T[];
  /** Standard normal scaled to the given mean and standard deviation. */
  normal(mean: number, sd: number): number;
  /** exp(N(mu, sigma)): long-tailed positive values such as output values; the median is exp(mu). */
  logNormal(mu: number, sigma: number): number;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG, as in PractRand): 128 bits of state,
 * so unlike mulberry32 the period comfortably exceeds the draws of a province-sized data set.
 * The 32-bit seed is spread over the state with splitmix32 so that nearby seeds (1, 2, 3…)
 * still start far apart.
 */
export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  let s = Math.trunc(seed) >>> 0;
  const splitmix32 = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = 1;

  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t;
  };
  // The first outputs of sfc32 still correlate with the seed; the reference discards 12.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = (): number => nextUint32() / 4294967296;

  const int = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
      throw new RangeError(`int(${min}, ${max}): need integers with min <= max`);
    }
    return min + Math.floor(next() * (max - min + 1));
  };

  const normal = (mean: number, sd: number): number => {
    // Box–Muller; 1 - next() is in (0, 1], so the logarithm is finite.
    const u = 1 - next();
    const v = next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };

  return {
    next,
    int,
    pick<T>(arr: readonly T[]): T {
      if (arr.length === 0) throw new RangeError('pick from an empty array');
      return arr[Math.floor(next() * arr.length)] as T;
    },
    chance(p: number): boolean {
      return next() < p;
    },
    shuffle<T>(arr: readonly T[]): T[] {
      const out = arr.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = out[i] as T;
        out[i] = out[j] as T;
        out[j] = tmp;
      }
      return out;
    },
    normal,
    logNormal(mu: number, sigma: number): number {
      return Math.exp(normal(mu, sigma));
    },
  };
}
