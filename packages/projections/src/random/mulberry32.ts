// A small seeded generator (mulberry32): the same seed gives the same numbers, for long generated
// histories (tests, the bench) and the CLI's demo. Runtime code, outside testing/, so the main entry
// exports it without the test kits. Never used by the domain, which sees no randomness.

/** Numbers in [0, 1), drawn from `seed`. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
