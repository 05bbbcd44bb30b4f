import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { json, looker, manager, openTestApi, outsider, rep1, rep2, type TestApi } from '../test-support/api.js';

describe('the client routes', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi();
  });
  afterEach(async () => api.close());

  const lead = async (leadId: string, ownerId: string) =>
    expect(
      (
        await api.call(manager, 'POST', '/leads', {
          leadId,
          ownerId,
          details: { name: `Lead ${leadId}`, email: `${leadId}@example.com`, source: 'Website' },
        })
      ).status,
    ).toBe(201);

  it('records, updates, imports and lists clients; a taken id is 409, an unknown one 404', async () => {
    const created = await api.call(rep1, 'POST', '/clients', {
      clientId: 'initech',
      details: { name: 'Initech', company: 'Initech Corp' },
    });
    expect(created.status).toBe(201);
    expect(await json(created)).toMatchObject({ clientId: 'initech', replayed: false });
    const taken = await api.call(rep1, 'POST', '/clients', { clientId: 'initech', details: { name: 'Again' } });
    expect(taken.status).toBe(409);
    expect((await json(taken)).error).toMatchObject({ field: 'clientId', rule: 'new-client-id' });
    expect(
      (await api.call(rep1, 'PATCH', '/clients/initech', { changes: { email: 'buy@initech.example' } })).status,
    ).toBe(200);
    const bad = await api.call(rep1, 'POST', '/clients', { details: { name: 'X', email: 'nope' } });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatchObject({ field: 'email', rule: 'email-format' });
    const imported = await api.handler(
      new Request('http://leadline.test/clients/imports', {
        method: 'POST',
        headers: { 'x-test-user': manager.userId, 'content-type': 'text/csv' },
        body: 'Name,Email\nZoë Ålander,zoe@alander.example\n',
      }),
    );
    expect(await json(imported)).toMatchObject({ rows: 1, created: 1, failed: 0 });
    await api.leadline.workers.settled();
    const list = await json(await api.call(looker, 'GET', '/clients?limit=1'));
    expect(list).toMatchObject({ items: [{ clientId: 'initech', email: 'buy@initech.example' }] });
    expect(list['nextCursor']).toEqual(expect.any(String));
    const found = await json(await api.call(looker, 'GET', '/clients?text=alander'));
    expect(found).toMatchObject({ items: [{ name: 'Zoë Ålander', origin: 'import' }] });
    expect((await api.call(manager, 'GET', '/clients/initech')).status).toBe(200);
    expect((await api.call(outsider, 'GET', '/clients/initech')).status).toBe(404);
    expect((await api.call(manager, 'GET', '/clients/nobody')).status).toBe(404);
  });

  it("serves a client's leads with the viewer's visibility", async () => {
    await lead('ada', rep1.userId);
    await lead('bob', rep2.userId);
    expect((await api.call(rep1, 'POST', '/leads/ada/conversion', { clientId: 'engines', mode: 'new' })).status).toBe(
      200,
    );
    const link = (clientId: string) => api.call(manager, 'PUT', '/leads/bob/client', { clientId });
    const unknown = await link('ghost');
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error).toMatchObject({ field: 'clientId', rule: 'existing-client' });
    expect((await link('engines')).status).toBe(200);
    await api.leadline.workers.settled();
    const names = async (actor: typeof manager) =>
      (
        (await json(await api.call(actor, 'GET', '/clients/engines/leads'))) as { items: { leadId: string }[] }
      ).items.map((item) => item.leadId);
    expect(await names(manager)).toEqual(['ada', 'bob']);
    expect(await names(rep2)).toEqual(['bob']);
    expect(await names(outsider)).toEqual([]);
    expect((await api.call(manager, 'GET', '/clients/engines/leads?limit=0')).status).toBe(400);
  });
});
