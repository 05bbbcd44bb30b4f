// The work each workload does through the EventStore port; identical for every store.
import type { EventStore } from '@leadline/eventstore';
import { emptySummary, foldLead, streamEvents, type CommandPlan } from './command-plan.js';

/** A store made for one pass, and how to release it. */
export interface OpenedStore {
  readonly store: EventStore;
  close(): Promise<void>;
}

export async function appendCommands(store: EventStore, plan: CommandPlan): Promise<number> {
  for (const { streamName, event, expectedRevision } of plan.commands)
    await store.append(streamName, [event], { expectedRevision });
  return plan.commands.length;
}

/** Puts the plan's events in a store quickly (a stream per append), before a read workload is timed. */
export async function fillStore(store: EventStore, plan: CommandPlan): Promise<void> {
  for (let lead = 0; lead < plan.streams.length; lead++)
    await store.append(plan.streams[lead] as string, streamEvents(plan, lead));
}

export async function loadStreams(store: EventStore, plan: CommandPlan): Promise<number> {
  let events = 0;
  for (const streamName of plan.streams) {
    let state = emptySummary;
    for await (const event of store.readStream(streamName)) state = foldLead(state, event);
    events += Number(state.revision) + 1;
  }
  return events;
}

export async function readEverything(store: EventStore): Promise<number> {
  let events = 0;
  let last = 0n;
  for await (const event of store.readAll()) {
    if (event.position <= last) throw new Error('readAll went backwards');
    last = event.position;
    events++;
  }
  return events;
}
