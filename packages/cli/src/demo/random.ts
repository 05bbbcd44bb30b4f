// The demo's only source of chance: a seeded PRNG (mulberry32), so a seed replays the same weeks.
// It lives here, in the CLI; the domain never sees randomness.
import { mulberry32 } from 'leadline';

export interface SeededRandom {
  /** A number in [0, 1). */
  readonly next: () => number;
  /** A whole number in [min, max]. */
  readonly int: (min: number, max: number) => number;
  readonly chance: (probability: number) => boolean;
  readonly pick: <T>(items: readonly T[]) => T;
  /** A uuid-shaped id (version 4 layout) drawn from the sequence. */
  readonly uuid: () => string;
}

export function seededRandom(seed: number): SeededRandom {
  const next = mulberry32(seed);
  const hex = (length: number): string => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join('');
  const random: SeededRandom = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'.charAt(Math.floor(next() * 4))}${hex(3)}-${hex(12)}`,
  };
  return random;
}
