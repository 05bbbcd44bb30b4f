// Reads over the memory store's arrays, checked when iteration starts and bounded by what existed then.
import type { EventPredicate } from '../filter/event-filter.js';
import type { RecordedEvent } from '../port/events.js';
import type { CheckedReadStreamOptions } from '../validation/read-arguments.js';

type Present = (event: RecordedEvent) => RecordedEvent;

export function readStreamEvents(
  open: () => CheckedReadStreamOptions & { readonly events: readonly RecordedEvent[] },
  present: Present,
): AsyncIterable<RecordedEvent> {
  return {
    async *[Symbol.asyncIterator]() {
      const { events, direction, fromRevision, maxCount } = open();
      const length = events.length;
      let count = 0;
      if (direction === 'forwards') {
        for (
          let index = fromRevision === undefined ? 0 : Number(fromRevision);
          index < length && count < maxCount;
          index++, count++
        ) {
          yield present(events[index] as RecordedEvent);
        }
      } else {
        const start = fromRevision === undefined ? length - 1 : Math.min(Number(fromRevision), length - 1);
        for (let index = start; index >= 0 && count < maxCount; index--, count++)
          yield present(events[index] as RecordedEvent);
      }
    },
  };
}

export function readLog(
  open: () => {
    readonly log: readonly RecordedEvent[];
    readonly after: bigint;
    readonly maxCount: number;
    readonly matches: EventPredicate;
  },
  present: Present,
): AsyncIterable<RecordedEvent> {
  return {
    async *[Symbol.asyncIterator]() {
      const { log, after, maxCount, matches } = open();
      const end = log.length;
      let count = 0;
      for (let index = Number(after); index < end && count < maxCount; index++) {
        const event = log[index] as RecordedEvent;
        if (matches(event)) {
          count++;
          yield present(event);
        }
      }
    },
  };
}
