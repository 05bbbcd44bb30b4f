// The runner, rebuild and as-of specified once and run on every SQL store (see testing/).
import { describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { createMemoryEventStore } from '@leadline/eventstore';
import type { EventStore, RecordedEvent } from '@leadline/eventstore';
import type { ReadModelStoreFactory } from '../testing/factory.js';
import { storesFrom } from '../testing/factory.js';
import { ALL_PROJECTORS, pipelineBoardProjector, searchProjector } from '../readmodels/index.js';
import { readModelDb } from '../readmodels/database.js';
import type { ReadModelStore } from '../store/port.js';
import { ReadModelErrorCode } from '../store/errors.js';
import { appendHistory } from '../testing/event-store.js';
import { dumpReadModel, feed, prepareLive } from '../testing/feed.js';
import { generateSeededHistory } from '../testing/history/interpreter.js';
import { seededSteps } from '../testing/history/steps.js';
import type { ProjectionProgress } from './progress.js';
import { projectAsOf } from './as-of.js';
import { rebuild } from './rebuild.js';
import { createProjectionRunner } from './runner.js';

/** Two full rebuilds of every read model on a shared machine (PostgreSQL takes ~15 s alone). */
const REBUILD_TIMEOUT_MS = 120_000;

/** Leads on the board, read through the public view the typed queries use. */
async function countLeads(store: ReadModelStore): Promise<number> {
  const row = await readModelDb(store)
    .selectFrom('pipeline_board_leads')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * A substring search through the engine's index (SQLite FTS5 through its public view, PostgreSQL
 * pg_trgm's LIKE) against the same search by a plain scan: equal when the index holds every row.
 */
async function substringSearch(store: ReadModelStore): Promise<{ indexed: number; scanned: number }> {
  const db = readModelDb(store);
  const sample = await db.selectFrom('search_leads').select('search_text').orderBy('lead_id').executeTakeFirst();
  const term = (sample?.search_text ?? '').slice(0, 3);
  const scan = await db
    .selectFrom('search_leads')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(
      store.kind === 'sqlite' ? sql<number>`instr(search_text, ${term})` : sql<number>`strpos(search_text, ${term})`,
      '>',
      0,
    )
    .executeTakeFirst();
  const indexed =
    store.kind === 'sqlite'
      ? (
          await sql<{
            n: number;
          }>`SELECT count(*) AS n FROM search_leads_substrings WHERE search_text MATCH ${`"${term.replaceAll('"', '""')}"`}`.execute(
            store.sql.db,
          )
        ).rows[0]?.n
      : (
          await db
            .selectFrom('search_leads')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('search_text', 'like', `%${term}%`)
            .executeTakeFirst()
        )?.n;
  return { indexed: Number(indexed ?? 0), scanned: Number(scan?.n ?? 0) };
}

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

    it('builds read models far behind the head beside their tables (bulk load, indexes after, one switch), with the same result as catching up in place', async () => {
      const eventStore = await eventStoreWith(history.slice(0, 1000));
      const opened = await open();
      const switched: string[] = [];
      // Records which projectors were switched in from a build beside their tables.
      const store: ReadModelStore = Object.create(opened, {
        switchToShadow: {
          value: async (shadow: Parameters<ReadModelStore['switchToShadow']>[0]) => {
            const done = await opened.switchToShadow(shadow);
            if (done) switched.push(shadow.name);
            return done;
          },
        },
      }) as ReadModelStore;
      const near = { eventStore, store, projectors: ALL_PROJECTORS, batchSize: 300 };
      // A first catch-up over 1,000 events with the threshold at 500: every projector is built beside.
      const first = await createProjectionRunner({ ...near, farBehind: 500n }).catchUp();
      expect(first.position).toBe(1000n);
      expect(switched.sort()).toEqual(ALL_PROJECTORS.map((projector) => projector.name).sort());
      // 500 more with 1,000 applied is not far behind (less left than applied): caught up in place.
      switched.length = 0;
      await appendHistory(eventStore, history.slice(1000));
      expect(await createProjectionRunner({ ...near, farBehind: 500n }).catchUp()).toEqual({
        position: 1500n,
        events: 500,
      });
      expect(switched).toEqual([]);
      expect(await Promise.all(ALL_PROJECTORS.map((projector) => dumpReadModel(store, projector)))).toEqual(
        await reference(history),
      );
      // Readers use the switched-in tables: the board and the substring index answer from them.
      expect(await countLeads(store)).toBeGreaterThan(0);
      const { indexed, scanned } = await substringSearch(store);
      expect(indexed).toBe(scanned);
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
      await rebuild({ eventStore, store, projectors: [v2] });
      expect(await dumpReadModel(store, v2)).toEqual(before);
      await rebuild({ eventStore, store, projectors: [v2], replaceLive: true });
      expect(await dumpReadModel(store, v2)).toEqual(before);
    });

    it(
      'rebuilds the live version beside its tables: reads answer from the live tables until the switch, then from the rebuilt ones',
      async () => {
        const eventStore = await eventStoreWith(history.slice(0, 1000));
        const store = await open();
        await createProjectionRunner({ eventStore, store, projectors: ALL_PROJECTORS }).catchUp();
        const before = await Promise.all(ALL_PROJECTORS.map((projector) => dumpReadModel(store, projector)));
        const leadsBefore = await countLeads(store);
        // Written after the live tables caught up: only the rebuild applies them before the switch.
        await appendHistory(eventStore, history.slice(1000));
        // Before every batch of the rebuild, what readers see: the models and the board's public view.
        const seenDuring: unknown[] = [];
        const observing: ReadModelStore = {
          ...store,
          applyBatches: async (batches, fences) => {
            if (batches.some((batch) => batch.build !== undefined)) {
              seenDuring.push(await Promise.all(ALL_PROJECTORS.map((projector) => dumpReadModel(store, projector))));
              seenDuring.push(await countLeads(store));
            }
            return store.applyBatches(batches, fences);
          },
        };
        const progress: number[] = [];
        const result = await rebuild({
          eventStore,
          store: observing,
          projectors: ALL_PROJECTORS,
          bulkBatchSize: 400,
          batchSize: 150,
          onProgress: (report) => progress.push(report.done),
        });
        expect(result).toEqual({ position: BigInt(history.length), events: history.length });
        expect(progress.at(-1)).toBe(history.length);
        expect(seenDuring.length).toBeGreaterThan(4);
        for (const [index, seen] of seenDuring.entries()) expect(seen).toEqual(index % 2 === 0 ? before : leadsBefore);
        const expected = await reference(history);
        expect(await Promise.all(ALL_PROJECTORS.map((projector) => dumpReadModel(store, projector)))).toEqual(expected);
        expect(await countLeads(store)).toBeGreaterThan(leadsBefore);
        for (const projector of ALL_PROJECTORS) {
          expect(await store.liveVersion(projector.name)).toBe(projector.version);
          expect(await store.checkpoint(projector)).toBe(BigInt(history.length));
        }
        // The rebuilt tables are the version's now: a runner restarting on them, and a second rebuild, agree.
        await createProjectionRunner({ eventStore, store, projectors: ALL_PROJECTORS }).catchUp();
        await rebuild({ eventStore, store, projectors: [pipelineBoardProjector, searchProjector] });
        expect(await Promise.all(ALL_PROJECTORS.map((projector) => dumpReadModel(store, projector)))).toEqual(expected);
        const search = await substringSearch(store);
        expect(search.scanned).toBeGreaterThan(0);
        expect(search.indexed).toBe(search.scanned);
      },
      REBUILD_TIMEOUT_MS,
    );

    it(
      'leaves the live tables untouched when a rebuild beside them fails part way, and resumes it (or starts over when fresh)',
      async () => {
        const eventStore = await eventStoreWith(history.slice(0, 1000));
        const store = await open();
        const projectors = [pipelineBoardProjector, searchProjector];
        await createProjectionRunner({ eventStore, store, projectors }).catchUp();
        const before = await Promise.all(projectors.map((projector) => dumpReadModel(store, projector)));
        await appendHistory(eventStore, history.slice(1000));
        let shadowBatches = 0;
        const failing: ReadModelStore = {
          ...store,
          applyBatches: (batches, fences) => {
            if (batches.some((batch) => batch.build !== undefined) && ++shadowBatches > 2)
              return Promise.reject(new Error('the process was killed'));
            return store.applyBatches(batches, fences);
          },
        };
        await expect(rebuild({ eventStore, store: failing, projectors, bulkBatchSize: 300 })).rejects.toThrow(
          'the process was killed',
        );
        expect(await Promise.all(projectors.map((projector) => dumpReadModel(store, projector)))).toEqual(before);
        for (const projector of projectors) expect(await store.checkpoint(projector)).toBe(1000n);
        const resumed = await rebuild({ eventStore, store, projectors, bulkBatchSize: 300 });
        // Two batches of 300 events had landed in the shadow: the resumed rebuild read the rest only.
        expect(resumed).toEqual({ position: BigInt(history.length), events: history.length - 600 });
        const expected = await reference(history);
        const models = await Promise.all(projectors.map((projector) => dumpReadModel(store, projector)));
        expect(models).toEqual(projectors.map((projector) => expected[ALL_PROJECTORS.indexOf(projector)]));

        shadowBatches = 0;
        await expect(rebuild({ eventStore, store: failing, projectors, bulkBatchSize: 300 })).rejects.toThrow(
          'the process was killed',
        );
        const again = await rebuild({ eventStore, store, projectors, bulkBatchSize: 300, fresh: true });
        expect(again.events).toBe(history.length);
        expect(await Promise.all(projectors.map((projector) => dumpReadModel(store, projector)))).toEqual(models);

        // A leftover shadow can be dropped outright; a rebuild beside a version that is not live is refused.
        shadowBatches = 0;
        await expect(rebuild({ eventStore, store: failing, projectors, bulkBatchSize: 300 })).rejects.toThrow();
        for (const projector of projectors) await store.dropShadow(projector);
        expect((await store.openShadow(pipelineBoardProjector)).checkpoint).toBeNull();
        await expect(
          store.openShadow({ ...pipelineBoardProjector, version: pipelineBoardProjector.version + 7 }),
        ).rejects.toMatchObject({
          code: ReadModelErrorCode.NotReady,
          field: pipelineBoardProjector.name,
          rule: 'live-version',
        });
        const shadow = await store.openShadow(pipelineBoardProjector);
        await expect(store.switchToShadow(shadow)).rejects.toMatchObject({
          code: ReadModelErrorCode.InvalidArgument,
          rule: 'indexed',
        });
        expect(await Promise.all(projectors.map((projector) => dumpReadModel(store, projector)))).toEqual(models);
      },
      REBUILD_TIMEOUT_MS,
    );

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
