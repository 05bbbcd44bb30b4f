// The raw material of a generated history: a list of small numbers the interpreter turns into commands.
// fast-check generates (and shrinks) them; the bench draws them from a seeded generator.
import fc from 'fast-check';
import { mulberry32 } from '../../random/mulberry32.js';

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

/** Steps from a seeded generator, for histories too long for fast-check (the bench). */
export function seededSteps(seed: number): () => HistoryStep {
  const next = mulberry32(seed);
  const nat = (max: number): number => Math.floor(next() * (max + 1));
  return () => ({ action: nat(999), a: nat(999), b: nat(999), minutes: nat(30) });
}
