// Bad arguments are rejected with InvalidArgumentError naming the field and rule, before anything is written.
import { describe, expect, it } from '@jest/globals';
import type { EventStore } from '../../port/event-store.js';
import { InvalidArgumentError } from '../../port/errors.js';
import type { EventToAppend } from '../../port/events.js';
import { anEvent, collect, testMetadata } from '../helpers.js';
import { rejectionOf, type ConformanceKit } from './kit.js';

type Operation = (store: EventStore) => unknown;

// Callers in plain JavaScript (or with casts) can pass anything: the store must still refuse it.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a deliberate lie, to pass bad values
const loose = <Value>(value: unknown): Value => value as Value;
const good = anEvent('A');
const withoutType = { data: {}, metadata: testMetadata };
const id = '0d9d3f0c-54b5-4a8f-8a61-7e6ab4c0b2a1';

const appendCases: [string, string, Operation][] = [
  ['an empty stream name', 'streamName', (store) => store.append('', [good])],
  ['a stream name that is not a string', 'streamName', (store) => store.append(loose(42), [good])],
  ['events that are not an array', 'events', (store) => store.append('lead-1', loose(good))],
  [
    'an event with no type',
    'events[1].type',
    (store) => store.append('lead-1', [good, loose<EventToAppend>(withoutType)]),
  ],
  ['an event with an empty type', 'events[0].type', (store) => store.append('lead-1', [{ ...good, type: '' }])],
  [
    'an event with no data',
    'events[0].data',
    (store) => store.append('lead-1', [loose<EventToAppend>({ type: 'A', metadata: testMetadata })]),
  ],
  [
    'an event with no metadata',
    'events[0].metadata',
    (store) => store.append('lead-1', [loose<EventToAppend>({ type: 'A', data: {} })]),
  ],
  [
    'metadata without a schemaVersion',
    'events[0].metadata.schemaVersion',
    (store) => store.append('lead-1', [{ ...good, metadata: loose({ ...testMetadata, schemaVersion: undefined }) }]),
  ],
  [
    'a schemaVersion of 0',
    'events[0].metadata.schemaVersion',
    (store) => store.append('lead-1', [anEvent('A', {}, { metadata: { schemaVersion: 0 } })]),
  ],
  [
    'an event id that is not a uuid',
    'events[0].eventId',
    (store) => store.append('lead-1', [anEvent('A', {}, { eventId: 'not-a-uuid' })]),
  ],
  [
    'the same event id twice in a batch',
    'events[1].eventId',
    (store) => store.append('lead-1', [anEvent('A', {}, { eventId: id }), anEvent('B', {}, { eventId: id })]),
  ],
  [
    'a negative expected revision',
    'expectedRevision',
    (store) => store.append('lead-1', [good], { expectedRevision: -1n }),
  ],
  [
    'an expected revision that is a number',
    'expectedRevision',
    (store) => store.append('lead-1', [good], { expectedRevision: loose(0) }),
  ],
  [
    'an unknown expected revision name',
    'expectedRevision',
    (store) => store.append('lead-1', [good], { expectedRevision: loose('latest') }),
  ],
];

const readCases: [string, string, Operation][] = [
  ['readStream of an empty name', 'streamName', (store) => collect(store.readStream(''))],
  [
    'readStream from a negative revision',
    'fromRevision',
    (store) => collect(store.readStream('lead-1', { fromRevision: -1n })),
  ],
  [
    'readStream from a number revision',
    'fromRevision',
    (store) => collect(store.readStream('lead-1', { fromRevision: loose(1) })),
  ],
  ['readStream with a negative maxCount', 'maxCount', (store) => collect(store.readStream('lead-1', { maxCount: -1 }))],
  [
    'readStream with a fractional maxCount',
    'maxCount',
    (store) => collect(store.readStream('lead-1', { maxCount: 1.5 })),
  ],
  [
    'readStream in an unknown direction',
    'direction',
    (store) => collect(store.readStream('lead-1', { direction: loose('sideways') })),
  ],
  ['readAll after a negative position', 'after', (store) => collect(store.readAll({ after: -1n }))],
  ['readAll after a number position', 'after', (store) => collect(store.readAll({ after: loose(3) }))],
  ['readAll with a negative maxCount', 'maxCount', (store) => collect(store.readAll({ maxCount: -5 }))],
  [
    'readAll with an empty type list',
    'filter.eventTypes',
    (store) => collect(store.readAll({ filter: { eventTypes: [] } })),
  ],
  [
    'readAll with an empty type name',
    'filter.eventTypes[0]',
    (store) => collect(store.readAll({ filter: { eventTypes: [''] } })),
  ],
  [
    'readAll with an empty prefix list',
    'filter.streamPrefixes',
    (store) => collect(store.readAll({ filter: { streamPrefixes: [] } })),
  ],
  ['subscribe after a negative position', 'after', (store) => collect(store.subscribe({ after: -1n }))],
  [
    'subscribe with an empty type list',
    'filter.eventTypes',
    (store) => collect(store.subscribe({ filter: { eventTypes: [] } })),
  ],
  ['streamRevision of an empty name', 'streamName', (store) => store.streamRevision('')],
  ['deleteStream of an empty name', 'streamName', (store) => store.deleteStream('')],
  [
    'deleteStream with a negative expected revision',
    'expectedRevision',
    (store) => store.deleteStream('lead-1', { expectedRevision: -2n }),
  ],
];

export function describeBadArguments({ withStore }: ConformanceKit): void {
  describe('bad arguments', () => {
    it.each(appendCases)('append refuses %s (field %s) and writes nothing', (_label, field, operation) =>
      withStore(async (store) => {
        await store.append('lead-1', [anEvent('Existing')]);
        const error = await rejectionOf(() => operation(store));
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field });
        expect((error as InvalidArgumentError).rule.length).toBeGreaterThan(0);
        expect((await collect(store.readAll())).map((event) => event.type)).toEqual(['Existing']);
      }),
    );

    it.each(readCases)('refuses %s (field %s)', (_label, field, operation) =>
      withStore(async (store) => {
        await store.append('lead-1', [anEvent('Existing')]);
        const error = await rejectionOf(() => operation(store));
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field });
        expect(await store.streamRevision('lead-1')).toBe(0n);
      }),
    );
  });
}
