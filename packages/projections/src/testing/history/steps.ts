// The raw material of a generated history: a list of small numbers the interpreter turns into commands.
// fast-check generates (and shrinks) them; the bench draws them from a seeded generator.
import fc from 'fast-check';

export interface HistoryStep {
  /** Which kind of command (weighted by the interpreter). */
  readonly action: number;
  /** Picks the lead, stage, user or value the command is about. */
  readonly a: number;
  readonly b: number;
  /** Minutes the clock moves before the command. */
  readonly minutes: number;
}

export const historyStepArbitrary: fc.Arbitrary<HistoryStep> = fc.record({
  action: fc.nat({ max: 999 }),
  a: fc.nat({ max: 999 }),
  b: fc.nat({ max: 999 }),
  minutes: fc.nat({ max: 3 * 24 * 60 }),
});

export const historyStepsArbitrary = (maxLength = 80): fc.Arbitrary<HistoryStep[]> =>
  fc.array(historyStepArbitrary, { minLength: 1, maxLength });

/** A small seeded generator (mulberry32) for histories too long for fast-check (the bench). */
export function seededSteps(seed: number): () => HistoryStep {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const nat = (max: number): number => Math.floor(next() * (max + 1));
  return () => ({ action: nat(999), a: nat(999), b: nat(999), minutes: nat(30) });
}
