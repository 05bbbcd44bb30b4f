// The runner, rebuild and as-of specified once and run on every SQL store (see testing/).
import { describe, expect, it } from '@jest/globals';
import { createMemoryEventStore } from '@leadline/eventstore';
import type { EventStore, RecordedEvent } from '@leadline/eventstore';
import type { ReadModelStoreFactory } from '../testing/factory.js';
import { storesFrom } from '../testing/factory.js';
import { ALL_PROJECTORS, pipelineBoardProjector } from '../readmodels/index.js';
import { ReadModelErrorCode } from '../store/errors.js';
import { appendHistory } from '../testing/event-store.js';
import { dumpReadModel, feed, prepareLive } from '../testing/feed.js';
import { generateSeededHistory } from '../testing/history/interpreter.js';
import { seededSteps } from '../testing/history/steps.js';
import type { ProjectionProgress } from './progress.js';
import { projectAsOf } from './as-of.js';
import { rebuild } from './rebuild.js';
import { createProjectionRunner } from './runner.js';

/** Registers the suite; `factory` opens a fresh, empty store of the kind under test. */
export function describeProjectionRunner(factory: ReadModelStoreFactory): void {
  const open = storesFrom(factory);

  const history = generateSeededHistory(1500, seededSteps(7));

  async function eventStoreWith(events: readonly RecordedEvent[]): Promise<EventStore> {
    const store = createMemoryEventStore();
    await appendHistory(store, events);
    return store;
  }

  async function reference(events: readonly RecordedEvent[]) {
    const store = await open();
    await prepareLive(store, ALL_PROJECTORS);
    await feed(store, ALL_PROJECTORS, events);
    return Promise.all(ALL_PROJECTORS.map((projector) => dumpReadModel(store, projector)));
  }

  describe('projection runner', () => {
    it('catches every read model up from its checkpoint in batches, reporting progress, and resumes where it stopped', async () => {
      const eventStore = await eventStoreWith(history.slice(0, 1000));
      const store = await open();
      const progress: ProjectionProgress[] = [];
      const first = await createProjectionRunner({
        eventStore,
        store,
        projectors: ALL_PROJECTORS,
        batchSize: 300,
        onProgress: (p) => progress.push(p),
      }).catchUp();
      expect(first).toEqual({ position: 1000n, events: 1000 });
      expect(progress.map((p) => [p.done, p.total])).toEqual([
        [300, 1000],
        [600, 1000],
        [900, 1000],
        [1000, 1000],
      ]);
      await appendHistory(eventStore, history.slice(1000));
      const second = await createProjectionRunner({
        eventStore,
        store,
        projectors: ALL_PROJECTORS,
        batchSize: 300,
      }).catchUp();
      expect(second).toEqual({ position: 1500n, events: 500 });
      expect(await Promise.all(ALL_PROJECTORS.map((projector) => dumpReadModel(store, projector)))).toEqual(
        await reference(history),
      );
    });

    it('rebuilds a new version beside the live one; readers see the old model until the switch', async () => {
      const eventStore = await eventStoreWith(history);
      const store = await open();
      await createProjectionRunner({ eventStore, store, projectors: [pipelineBoardProjector] }).catchUp();
      const before = await dumpReadModel(store, pipelineBoardProjector);
      const v2 = { ...pipelineBoardProjector, version: pipelineBoardProjector.version + 1 };
      const seenDuring: unknown[] = [];
      const result = await rebuild({
        eventStore,
        store,
        projectors: [v2],
        batchSize: 400,
        onProgress: () => {
          seenDuring.push(dumpReadModel(store, pipelineBoardProjector));
        },
      });
      expect(result.position).toBe(BigInt(history.length));
      for (const seen of await Promise.all(seenDuring)) expect(seen).toEqual(before);
      expect(await store.liveVersion(pipelineBoardProjector.name)).toBe(v2.version);
      expect(await dumpReadModel(store, v2)).toEqual(before);
      await expect(rebuild({ eventStore, store, projectors: [v2] })).rejects.toMatchObject({
        code: ReadModelErrorCode.LiveVersion,
      });
      await rebuild({ eventStore, store, projectors: [v2], replaceLive: true });
      expect(await dumpReadModel(store, v2)).toEqual(before);
    });

    it('answers as of a position or an instant by replay, leaving the live model alone', async () => {
      const eventStore = await eventStoreWith(history);
      const live = await open();
      await createProjectionRunner({ eventStore, store: live, projectors: ALL_PROJECTORS }).catchUp();
      const liveBefore = await dumpReadModel(live, pipelineBoardProjector);
      const progress: ProjectionProgress[] = [];
      const atPosition = await projectAsOf({
        eventStore,
        store: await open(),
        projectors: ALL_PROJECTORS,
        asOf: { position: 700n },
        onProgress: (p) => progress.push(p),
      });
      expect(atPosition.position).toBe(700n);
      expect(progress.at(-1)).toMatchObject({ done: 700, total: history.length, position: 700n });
      expect(await Promise.all(ALL_PROJECTORS.map((projector) => dumpReadModel(atPosition.store, projector)))).toEqual(
        await reference(history.slice(0, 700)),
      );
      const instant = history[899]?.metadata.occurredAt ?? '';
      const cut = history.findIndex((event) => event.metadata.occurredAt > instant);
      const atInstant = await projectAsOf({
        eventStore,
        store: await open(),
        projectors: [pipelineBoardProjector],
        asOf: { instant },
      });
      expect(atInstant.events).toBe(cut);
      expect(await dumpReadModel(live, pipelineBoardProjector)).toEqual(liveBefore);
      await expect(
        projectAsOf({ eventStore, store: await open(), projectors: ALL_PROJECTORS, asOf: { instant: 'yesterday' } }),
      ).rejects.toMatchObject({ code: ReadModelErrorCode.InvalidArgument });
    });
  });
}
