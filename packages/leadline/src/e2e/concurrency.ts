// Several async callers on one lead at once, through separate Leadline instances (separate caches, as
// separate processes would have): every note lands once, and of racing claims exactly one wins.
import { expect } from '@jest/globals';
import { LeadId, Permission, UserId, type Actor } from '@leadline/domain';
import type { Leadline } from '../leadline.js';
import { ACME, admin, as, manager } from './actors.js';

/**
 * Every lost race means another caller won, so N callers on one stream need at most N decisions each;
 * the default policy is tuned for everyday contention, not two dozen writers on one lead.
 */
export const CONTENDED_RETRY = { maxAttempts: 24 } as const;

export async function runConcurrentCallers(instances: readonly Leadline[]): Promise<void> {
  const [first] = instances;
  if (first === undefined) throw new Error('at least one instance');
  await first.organisations.create({ name: 'Acme' }, { actor: admin, idempotencyKey: 'acme-setup' });
  const leadId = LeadId('contended');
  await first.leads.create(
    { leadId, fields: { name: 'Contended Inc', email: 'x@contended.example', source: 'Website' } },
    as(manager),
  );

  const notes = Array.from({ length: 24 }, (_, index) => index);
  const outcomes = await Promise.all(
    notes.map((index) =>
      (instances[index % instances.length] as Leadline).leads.logNote({ leadId, text: `note ${index}` }, as(manager)),
    ),
  );
  const recorded: bigint[] = [];
  const texts: string[] = [];
  for await (const event of first.store.readStream(`lead-${leadId}`)) {
    recorded.push(event.revision);
    if (event.type === 'NoteLogged') texts.push((event.data as { text: string }).text);
  }
  expect(recorded).toEqual(Array.from({ length: 25 }, (_, index) => BigInt(index)));
  expect(texts.sort()).toEqual(notes.map((index) => `note ${index}`).sort());
  expect(new Set(outcomes.map((outcome) => outcome.revision)).size).toBe(24);

  const reps: Actor[] = Array.from({ length: 6 }, (_, index) => ({
    userId: UserId(`rep-${index}`),
    orgId: ACME,
    kind: 'user',
    permissions: [Permission.ViewLeads, Permission.ManageLeads, Permission.EditLeads],
  }));
  const claims = await Promise.allSettled(
    reps.map((rep, index) => (instances[index % instances.length] as Leadline).leads.claim({ leadId }, as(rep))),
  );
  const won = claims.filter((claim) => claim.status === 'fulfilled');
  const lost = claims.filter((claim): claim is PromiseRejectedResult => claim.status === 'rejected');
  expect(won).toHaveLength(1);
  expect(lost.map((claim) => (claim.reason as { code: string }).code)).toEqual(
    Array.from({ length: 5 }, () => 'CLAIM_HELD'),
  );
}
