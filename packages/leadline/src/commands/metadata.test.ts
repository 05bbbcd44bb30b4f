import { describe, expect, it } from '@jest/globals';
import { commandEnvelope, eventMetadata } from './metadata.js';

const ids = { newId: () => '00000000-0000-4000-8000-000000000001' };

describe('eventMetadata', () => {
  it('puts extra metadata first and the reserved fields after, which always win', () => {
    const envelope = commandEnvelope(
      'org-1',
      'user-7',
      { idempotencyKey: 'k', metadata: { import: { importId: 'f', row: 3 }, orgId: 'other', tag: null } },
      ids,
    );
    const metadata = eventMetadata(envelope, '2026-03-02T10:00:00.000Z', 2);
    expect(Object.keys(metadata)).toEqual([
      'import',
      'tag',
      'orgId',
      'actorId',
      'occurredAt',
      'correlationId',
      'causationId',
      'schemaVersion',
      'idempotencyKey',
    ]);
    expect(metadata).toMatchObject({
      import: { importId: 'f', row: 3 },
      tag: null,
      orgId: 'org-1',
      schemaVersion: 2,
      idempotencyKey: 'k',
    });
  });

  it('keeps a `__proto__` key of extra metadata as a field, not as the prototype', () => {
    const extra = JSON.parse('{"__proto__": {"polluted": true}, "row": 1}') as Record<
      string,
      { polluted: boolean } | number
    >;
    const metadata = eventMetadata(
      commandEnvelope('org-1', 'user-7', { metadata: extra }, ids),
      new Date('2026-03-02T10:00:00.000Z'),
      1,
    );
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(Object.keys(metadata)).toContain('__proto__');
    expect(JSON.parse(JSON.stringify(metadata))).toMatchObject({
      row: 1,
      orgId: 'org-1',
      occurredAt: '2026-03-02T10:00:00.000Z',
    });
    expect(JSON.stringify(metadata)).toContain('"__proto__":{"polluted":true}');
  });

  it('writes no idempotency key for an unkeyed command, with or without extra metadata', () => {
    const plain = eventMetadata(commandEnvelope('org-1', 'user-7', {}, ids), '2026-03-02T10:00:00.000Z', 1);
    const extra = eventMetadata(
      commandEnvelope('org-1', 'user-7', { metadata: { form: 'f-1' } }, ids),
      '2026-03-02T10:00:00.000Z',
      1,
    );
    expect(plain).not.toHaveProperty('idempotencyKey');
    expect(extra).not.toHaveProperty('idempotencyKey');
    expect(extra.form).toBe('f-1');
  });
});
