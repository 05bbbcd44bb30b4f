import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { json, manager, openTestApi, rep1, type TestApi } from '../test-support/api.js';

const CSV = ['Name,E-mail,Source', 'Ada Lovelace,ada@example.com,Website', 'Alan Turing,alan@example.com,Fair'].join(
  '\n',
);

describe('the intake routes', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi({
      limits: { importBytes: 4096 },
      forms: [
        {
          formId: 'contact',
          actor: manager,
          fields: { name: 'name', email: 'email' },
          source: 'Website',
          rateLimit: { burst: 2, perMinute: 1 },
          clientAddress: () => '203.0.113.9',
        },
      ],
    });
  });
  afterEach(async () => api.close());

  const importCsv = (csv: string, query = '', type = 'text/csv') =>
    api.handler(
      new Request(`http://leadline.test/imports${query}`, {
        method: 'POST',
        headers: { 'x-test-user': manager.userId, 'content-type': type },
        body: csv,
      }),
    );

  it('imports a CSV body with its options from the query string, a dry run writing nothing', async () => {
    const head = await api.leadline.store.headPosition();
    const dry = await importCsv(CSV, '?dryRun=true&mapping.email=E-mail');
    expect(dry.status).toBe(200);
    expect(await json(dry)).toMatchObject({ dryRun: true, rows: 2, failed: 0 });
    expect(await api.leadline.store.headPosition()).toBe(head);
    const done = await json(await importCsv(CSV, '?mapping.email=E-mail'));
    expect(done).toMatchObject({ dryRun: false, rows: 2, created: 2 });
    expect((done['mapping'] as { fields: Record<string, string> }).fields['email']).toBe('E-mail');
  });

  it('refuses an import that is too large, of the wrong type, or asks for what only the server chooses', async () => {
    expect((await importCsv(`${CSV}\n${'x,y,z\n'.repeat(1000)}`)).status).toBe(413);
    expect((await importCsv(CSV, '', 'application/json')).status).toBe(415);
    const path = await importCsv(CSV, '?errorReport=/tmp/leak.csv');
    expect(path.status).toBe(400);
    expect((await json(path)).error).toMatchObject({ field: 'errorReport', rule: 'unknown-field' });
    expect((await importCsv(CSV, '?duplicates=sometimes')).status).toBe(400);
  });

  it('finds duplicates, answers a duplicate create with 409 and its candidates, and merges on request', async () => {
    await importCsv(CSV, '?mapping.email=E-mail');
    const found = await api.call(manager, 'GET', '/duplicates?email=ADA@example.com');
    expect(found.status).toBe(200);
    const candidates = (await found.json()) as { leadId: string; matchedOn: string[] }[];
    expect(candidates.map((candidate) => candidate.matchedOn)).toEqual([['email']]);
    const again = await api.call(manager, 'POST', '/leads', {
      fields: { name: 'Ada L.', email: 'ada@example.com', source: 'Fair' },
    });
    expect(again.status).toBe(409);
    expect(await json(again)).toMatchObject({ outcome: 'duplicates', candidates: [{ leadId: candidates[0]?.leadId }] });
    const kept = await api.call(manager, 'POST', '/leads', {
      fields: { name: 'Ada L.', email: 'ada@example.com', source: 'Fair' },
      keepDespiteDuplicates: [candidates[0]?.leadId],
    });
    expect(kept.status).toBe(201);
    const survivor = (await json(kept))['leadId'] as string;
    const merged = await api.call(manager, 'POST', '/merges', {
      survivorId: survivor,
      absorbedIds: [candidates[0]?.leadId],
    });
    expect(merged.status).toBe(200);
    const mergeId = (await json(merged))['mergeId'] as string;
    expect(typeof mergeId).toBe('string');
    expect((await api.call(manager, 'POST', '/unmerges', { survivorId: survivor, mergeId })).status).toBe(200);
    const pending = await api.call(manager, 'POST', `/leads/${survivor}/merge-completion`);
    expect(pending.status).toBe(200);
  });

  it('transfers and deletes in bulk, each lead with its own outcome, and queues email', async () => {
    await importCsv(CSV, '?mapping.email=E-mail');
    await api.leadline.workers.settled();
    const leads = (await json(await api.call(manager, 'GET', '/search?text=example.com')))['items'] as {
      leadId: string;
    }[];
    const ids = leads.map((lead) => lead.leadId);
    const transfer = await api.call(manager, 'POST', '/bulk/transfer', {
      leadIds: [...ids, 'no-such-lead'],
      target: { to: 'user', userId: rep1.userId },
    });
    expect(transfer.status).toBe(200);
    expect(await json(transfer)).toMatchObject({ done: 2, notFound: 1 });
    const email = await api.call(manager, 'POST', '/emails', {
      leadIds: ids,
      template: { subject: 'Hello', body: 'Dear {{name}}' },
    });
    expect(email.status).toBe(202);
    expect(((await json(email))['queued'] as unknown[]).length).toBe(2);
    expect((await api.call(manager, 'POST', `/leads/${ids[0] ?? ''}/email-opt-out`, {})).status).toBe(200);
    const bad = await api.call(manager, 'POST', '/bulk/transfer', { leadIds: ids, target: { to: 'moon' } });
    expect(bad.status).toBe(400);
    const deleted = await api.call(manager, 'POST', '/bulk/delete', { leadIds: ids, reason: 'spring clean' });
    expect(await json(deleted)).toMatchObject({ done: 2 });
  });

  it('takes web form posts without an actor, and limits a flood with 429', async () => {
    const post = (n: number) =>
      api.handler(
        new Request('http://leadline.test/forms/contact', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ name: `Visitor ${n}`, email: `v${n}@example.com` }).toString(),
        }),
      );
    expect((await post(1)).status).toBe(201);
    expect((await post(2)).status).toBe(201);
    const limited = await post(3);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const unknown = await api.handler(new Request('http://leadline.test/forms/other', { method: 'POST' }));
    expect(unknown.status).toBe(404);
  });
});
