import { describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, LeadId, OrgId, UserId, type Actor } from '@leadline/domain';
import { createMemoryEventStore, WrongExpectedRevisionError } from '@leadline/eventstore';
import { LeadlineClosedError } from '../commands/errors.js';
import { createLeadline } from '../leadline.js';
import { guardClosed } from './closed-guard.js';

const admin: Actor = { userId: UserId('ada'), orgId: OrgId('acme'), kind: 'user', permissions: ALL_PERMISSIONS };
const metadata = {
  orgId: 'o',
  actorId: 'a',
  occurredAt: '2026-03-02T10:00:00.000Z',
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
};

describe('guardClosed', () => {
  it('hands calls on to the store while open, its results and its errors unchanged', async () => {
    const store = createMemoryEventStore();
    const guarded = guardClosed(store, () => false);
    await guarded.append('lead-1', [{ type: 'NoteLogged', data: {}, metadata }]);
    expect(await guarded.streamRevision('lead-1')).toBe(0n);
    expect(await guarded.headPosition()).toBe(1n);
    await expect(
      guarded.append('lead-1', [{ type: 'NoteLogged', data: {}, metadata }], { expectedRevision: 5n }),
    ).rejects.toThrow(WrongExpectedRevisionError);
    await guarded.deleteStream('lead-1');
    expect(await store.streamRevision('lead-2')).toBeNull();
  });

  it('refuses writes and stream reads once closed with a typed error, as a rejected promise, touching nothing', async () => {
    const store = createMemoryEventStore();
    const guarded = guardClosed(store, () => true);
    const append = guarded.append('lead-1', [{ type: 'NoteLogged', data: {}, metadata }]);
    await expect(append).rejects.toThrow(LeadlineClosedError);
    await expect(guarded.streamRevision('lead-1')).rejects.toMatchObject({ code: 'LEADLINE_CLOSED' });
    await expect(guarded.deleteStream('lead-1')).rejects.toThrow(LeadlineClosedError);
    expect(() => guarded.readStream('lead-1')).toThrow(LeadlineClosedError);
    expect(await store.headPosition()).toBe(0n);
  });

  it('makes a command sent to a closed Leadline fail with LEADLINE_CLOSED', async () => {
    const leadline = createLeadline({ store: createMemoryEventStore() });
    await leadline.organisations.create({ name: 'Acme' }, { actor: admin });
    await leadline.close();
    await expect(
      leadline.leads.create({ leadId: LeadId('l-1'), fields: { name: 'Ada' } }, { actor: admin }),
    ).rejects.toMatchObject({ code: 'LEADLINE_CLOSED' });
  });
});
