// The timed loops of the raw ceilings' reads, the same for every engine: fold each stream; count the log in order.
import { emptySummary, foldLead } from './command-plan.js';

/** Folds every stream read by `read`, as loadStreams does through the port; returns the events read. */
export async function foldEachStream(
  streams: readonly string[],
  read: (streamName: string) => AsyncIterable<{ readonly type: string; readonly revision: bigint }>,
): Promise<number> {
  let events = 0;
  for (const streamName of streams) {
    let state = emptySummary;
    for await (const event of read(streamName)) state = foldLead(state, event);
    events += Number(state.revision) + 1;
  }
  return events;
}

/** Counts the events of a global read, failing if positions ever go backwards, as readEverything does. */
export async function countInOrder(events: AsyncIterable<{ readonly position: bigint | number }>): Promise<number> {
  let count = 0;
  let last: bigint | number = 0;
  for await (const event of events) {
    if (event.position <= last) throw new Error('the raw log went backwards');
    last = event.position;
    count++;
  }
  return count;
}
