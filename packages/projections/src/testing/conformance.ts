// The conformance suite every read-model store runs (SQLite file and :memory:, PostgreSQL, in their
// packages): for every projector, over histories generated from the domain's deciders, each model
// compared with a reference store's (SQLite :memory:), so every store gives identical results.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { RecordedEvent } from '@leadline/eventstore';
import type { Projector } from '../projector/projector.js';
import { ALL_PROJECTORS } from '../readmodels/index.js';
import type { ReadModelStore } from '../store/port.js';
import type { ReadModelStoreFactory } from './factory.js';
import { describeStoreMechanics } from './mechanics.js';
import { describeParking } from './parking.js';
import { describeLeases } from './leases.js';
import { dumpReadModel, feed, prepareLive } from './feed.js';
import { generateHistory } from './history/interpreter.js';
import { historyStepsArbitrary } from './history/steps.js';

export interface ConformanceOptions {
  /** The store every model is compared with (SQLite :memory:); defaults to the store under test. */
  readonly reference?: ReadModelStoreFactory;
  /** fast-check runs per property (each builds a few stores). */
  readonly runs?: number;
  readonly projectors?: readonly Projector[];
  /** Longest generated history, in steps. */
  readonly maxSteps?: number;
}

async function modelOf(
  store: ReadModelStore,
  projector: Projector,
  events: readonly RecordedEvent[],
  batchSizes?: readonly number[],
  twice = false,
) {
  await prepareLive(store, [projector]);
  await feed(store, [projector], events, { ...(batchSizes === undefined ? {} : { batchSizes }), twice });
  return dumpReadModel(store, projector);
}

export function describeReadModelStoreConformance(
  name: string,
  factory: ReadModelStoreFactory,
  options: ConformanceOptions = {},
): void {
  const runs = options.runs ?? 12;
  const history = historyStepsArbitrary(options.maxSteps ?? 60).map((steps) => generateHistory(steps, 'often'));
  const batchSizes = fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 4 });
  const withStore = async <T>(use: (store: ReadModelStore) => Promise<T>): Promise<T> => {
    const store = await factory();
    try {
      return await use(store);
    } finally {
      await store.dispose();
    }
  };
  const referenceFactory = options.reference ?? factory;
  const reference = async (projector: Projector, events: readonly RecordedEvent[]) => {
    const store = await referenceFactory();
    try {
      return await modelOf(store, projector, events);
    } finally {
      await store.dispose();
    }
  };

  describe(`${name}: read-model store conformance`, () => {
    describeStoreMechanics(factory);
    describeParking(factory);
    describeLeases(factory);
    for (const projector of options.projectors ?? ALL_PROJECTORS) {
      describe(`${projector.name} v${projector.version}`, () => {
        it('built incrementally in any batch sizes equals the model rebuilt in one go (and in the reference store)', async () => {
          await fc.assert(
            fc.asyncProperty(history, batchSizes, async (events, sizes) => {
              const incremental = await withStore((store) => modelOf(store, projector, events, sizes));
              expect(incremental).toEqual(await withStore((store) => modelOf(store, projector, events)));
              expect(incremental).toEqual(await reference(projector, events));
            }),
            { numRuns: runs },
          );
        });

        it('is unchanged when every event is delivered twice, and when any stretch of history is delivered again later', async () => {
          const stretch = fc.tuple(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          );
          await fc.assert(
            fc.asyncProperty(history, batchSizes, stretch, async (events, sizes, [a, b]) => {
              const [from, to] = [
                Math.floor(events.length * Math.min(a, b)),
                Math.ceil(events.length * Math.max(a, b)),
              ];
              const twice = await withStore(async (store) => {
                await modelOf(store, projector, events, sizes, true);
                // Redelivered after later events changed the rows handlers read (workflows, leads).
                await feed(store, [projector], events.slice(from, to), { batchSizes: sizes });
                await feed(store, [projector], events);
                return dumpReadModel(store, projector);
              });
              expect(twice).toEqual(await reference(projector, events));
            }),
            { numRuns: runs },
          );
        });

        it('at position P equals a rebuild from the first P events', async () => {
          await fc.assert(
            fc.asyncProperty(
              history,
              batchSizes,
              fc.double({ min: 0, max: 1, noNaN: true }),
              async (events, sizes, cut) => {
                const p = Math.floor(events.length * cut);
                const atP = await withStore(async (store) => {
                  const before = await modelOf(store, projector, events.slice(0, p), sizes);
                  await feed(store, [projector], events.slice(p), { batchSizes: sizes });
                  expect(await dumpReadModel(store, projector)).toEqual(await reference(projector, events));
                  return before;
                });
                expect(atP).toEqual(await withStore((store) => modelOf(store, projector, events.slice(0, p))));
              },
            ),
            { numRuns: runs },
          );
        });
      });
    }
  });
}
