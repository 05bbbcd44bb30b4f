import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from '../port/errors.js';
import type { RecordedEvent } from '../port/events.js';
import { testMetadata } from '../testing/helpers.js';
import type { Upcaster } from './upcaster.js';
import { createUpcasterChain } from './upcaster-chain.js';

const recorded = (type: string, data: unknown, schemaVersion: number): RecordedEvent => ({
  eventId: '9b2f8a1e-8c4d-4f0a-9e55-3c1d2b7a6f10',
  type,
  data,
  metadata: { ...testMetadata, schemaVersion },
  streamName: 'lead-1',
  revision: 0n,
  position: 1n,
});

const v1ToV2: Upcaster = {
  eventType: 'LeadCreated',
  fromVersion: 1,
  upcast: (data) => ({ data: { ...(data as object), v2: true } }),
};
const v2ToV3: Upcaster = {
  eventType: 'LeadCreated',
  fromVersion: 2,
  upcast: (data) => ({ data: { ...(data as object), v3: true } }),
};

describe('the upcaster chain', () => {
  it('runs v1 through every later upcaster and stamps the version it reached', () => {
    const event = createUpcasterChain([v2ToV3, v1ToV2]).apply(recorded('LeadCreated', { name: 'Ada' }, 1));
    expect(event.data).toEqual({ name: 'Ada', v2: true, v3: true });
    expect(event.metadata.schemaVersion).toBe(3);
    expect(event.position).toBe(1n);
  });

  it('starts from the stored version and leaves current events and other types as they are', () => {
    const chain = createUpcasterChain([v1ToV2, v2ToV3]);
    expect(chain.apply(recorded('LeadCreated', {}, 2)).data).toEqual({ v3: true });
    const current = recorded('LeadCreated', {}, 3);
    expect(chain.apply(current)).toBe(current);
    const other = recorded('NoteLogged', {}, 1);
    expect(chain.apply(other)).toBe(other);
  });

  it('replaces metadata when an upcaster returns it, keeping the version stamp its own', () => {
    const chain = createUpcasterChain([
      {
        eventType: 'A',
        fromVersion: 1,
        upcast: (data, metadata) => ({ data, metadata: { ...metadata, actorId: 'system', schemaVersion: 99 } }),
      },
    ]);
    expect(chain.apply(recorded('A', {}, 1)).metadata).toMatchObject({ actorId: 'system', schemaVersion: 2 });
  });

  it('is empty and returns its argument without upcasters', () => {
    const chain = createUpcasterChain();
    const event = recorded('A', {}, 1);
    expect(chain.isEmpty).toBe(true);
    expect(chain.apply(event)).toBe(event);
  });

  it.each([
    [
      'two upcasters for one type and version',
      [v1ToV2, { ...v1ToV2 }],
      'upcasters[1]',
      'one upcaster per type and version',
    ],
    ['an empty event type', [{ ...v1ToV2, eventType: '' }], 'upcasters[0].eventType', 'non-empty string'],
    ['a version below 1', [{ ...v1ToV2, fromVersion: 0 }], 'upcasters[0].fromVersion', 'positive integer'],
  ])('refuses %s', (_label, upcasters, field, rule) => {
    expect(() => createUpcasterChain(upcasters)).toThrow(InvalidArgumentError);
    expect(() => createUpcasterChain(upcasters)).toThrow(expect.objectContaining({ field, rule }));
  });
});
