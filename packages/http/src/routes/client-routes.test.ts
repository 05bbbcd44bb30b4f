import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { json, manager, openTestApi, outsider, type TestApi } from '../test-support/api.js';

describe('the client routes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi();
  });
  afterAll(async () => api.close());

  it('creates, changes, imports, lists and reads clients, and shows a client’s leads', async () => {
    const created = await api.call(manager, 'POST', '/clients', {
      clientId: 'analytical',
      details: { name: 'Analytical Engines', email: 'hello@analytical.example' },
    });
    expect(created.status).toBe(201);
    const changed = await api.call(manager, 'PATCH', '/clients/analytical', { changes: { company: 'AE Ltd' } });
    expect(changed.status).toBe(200);
    const imported = await api.handler(
      new Request('http://leadline.test/clients/imports?delimiter=;', {
        method: 'POST',
        headers: { 'x-test-user': manager.userId, 'content-type': 'text/csv' },
        body: 'Name;Email\nBabbage & Co;info@babbage.example\n',
      }),
    );
    expect(imported.status).toBe(200);
    const leadId = (
      await json(
        await api.call(manager, 'POST', '/leads', {
          fields: { name: 'Ada Lovelace', email: 'ada@example.com', source: 'Website' },
        }),
      )
    )['leadId'] as string;
    expect((await api.call(manager, 'PUT', `/leads/${leadId}/client`, { clientId: 'analytical' })).status).toBe(200);
    await api.leadline.workers.settled();

    const list = await json(await api.call(manager, 'GET', '/clients?limit=10'));
    expect((list['items'] as { name: string }[]).map((client) => client.name).sort()).toEqual([
      'Analytical Engines',
      'Babbage & Co',
    ]);
    expect(await json(await api.call(manager, 'GET', '/clients/analytical'))).toMatchObject({
      name: 'Analytical Engines',
    });
    const leads = await json(await api.call(manager, 'GET', '/clients/analytical/leads'));
    expect((leads['items'] as { leadId: string }[]).map((lead) => lead.leadId)).toEqual([leadId]);
  });

  it("answers another organisation's client as none, and refuses bad input", async () => {
    expect((await api.call(outsider, 'GET', '/clients/analytical')).status).toBe(404);
    expect((await json(await api.call(outsider, 'GET', '/clients')))['items']).toEqual([]);
    const bad = await api.call(manager, 'POST', '/clients', { details: {} });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatchObject({ field: 'details.name', rule: 'required' });
    const path = await api.handler(
      new Request('http://leadline.test/clients/imports?errorReport=/tmp/x.csv', {
        method: 'POST',
        headers: { 'x-test-user': manager.userId, 'content-type': 'text/csv' },
        body: 'Name\nX\n',
      }),
    );
    expect((await json(path)).error).toMatchObject({ field: 'errorReport', rule: 'unknown-field' });
  });
});
