// append.eventstoredb and readAll.eventstoredb: the adapter and the real client over gRPC against the
// protocol stand-in, not a server. They measure our layers and the client (the stand-in keeps events in
// memory); the ceiling is the raw client doing the same work against the same stand-in. A gRPC round
// trip per append makes these slow, so they run at most 10,000 events, two passes of each side.
import { openEventStoreDbEventStore } from '@leadline/eventstoredb';
import { ProtocolStandIn, openRawClient } from '@leadline/eventstoredb/testing';
import { registerWorkload, type Trial, type Workload } from '../harness/registry.js';
import { appendWorkload } from './append.js';
import { streamEvents, type CommandPlan } from './command-plan.js';
import { readAllWorkload } from './read-all.js';
import type { OpenedStore } from './through-the-port.js';

const STORE = 'eventstoredb';
const MAX_EVENTS = 10_000;

async function openOnStandIn(): Promise<OpenedStore> {
  const standIn = await ProtocolStandIn.start();
  const store = openEventStoreDbEventStore({ connectionString: standIn.connectionString });
  return {
    store,
    close: async () => {
      await store.dispose();
      await standIn.stop();
    },
  };
}

/** A raw-client trial on a fresh stand-in; `prepare` runs before the clock starts. */
async function rawTrial(
  prepare: (raw: ReturnType<typeof openRawClient>) => Promise<void>,
  run: (raw: ReturnType<typeof openRawClient>) => Promise<number>,
): Promise<Trial> {
  const standIn = await ProtocolStandIn.start();
  const raw = openRawClient(standIn.connectionString);
  await prepare(raw);
  return {
    run: () => run(raw),
    close: async () => {
      await raw.close();
      await standIn.stop();
    },
  };
}

async function rawAppendAll(raw: ReturnType<typeof openRawClient>, plan: CommandPlan): Promise<number> {
  for (const { streamName, event, expectedRevision } of plan.commands)
    await raw.append(streamName, [event], expectedRevision);
  return plan.commands.length;
}

/** Caps the events and marks the store as a stand-in in the results table. */
function onStandIn(workload: Workload): Workload {
  const capped = (settings: { events: number }) => ({ events: Math.min(settings.events, MAX_EVENTS) });
  return {
    ...workload,
    store: `${STORE} (stand-in)`,
    repetitions: 2,
    subject: (settings) => workload.subject(capped(settings)),
    ceiling: (settings) => workload.ceiling(capped(settings)),
  };
}

registerWorkload(
  onStandIn(
    appendWorkload(STORE, {
      open: openOnStandIn,
      ceiling: (plan) =>
        rawTrial(
          () => Promise.resolve(),
          (raw) => rawAppendAll(raw, plan),
        ),
    }),
  ),
);

registerWorkload(
  onStandIn(
    readAllWorkload(STORE, {
      open: openOnStandIn,
      ceiling: (plan) =>
        rawTrial(
          async (raw) => {
            // Filled like fillStore fills the adapter's store: a stream per append, untimed.
            for (let lead = 0; lead < plan.streams.length; lead++)
              await raw.append(plan.streams[lead] as string, streamEvents(plan, lead), 'any');
          },
          (raw) => raw.countAll(),
        ),
    }),
  ),
);
