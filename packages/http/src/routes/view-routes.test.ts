import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { json, manager, openTestApi, outsider, type TestApi } from '../test-support/api.js';

describe('the lead detail and view routes', () => {
  let api: TestApi;
  let leadId: string;
  beforeAll(async () => {
    api = await openTestApi();
    const created = await api.call(manager, 'POST', '/leads', {
      fields: { name: 'Ada Lovelace', email: 'ada@example.com', source: 'Website' },
    });
    leadId = (await json(created))['leadId'] as string;
    await api.leadline.workers.settled();
  });
  afterAll(async () => api.close());

  it('reads a lead to who may see it, 404 to another organisation, and marks it read', async () => {
    const lead = await api.call(manager, 'GET', `/leads/${leadId}`);
    expect(lead.status).toBe(200);
    expect(await json(lead)).toMatchObject({ leadId, name: 'Ada Lovelace' });
    const theirs = await api.call(outsider, 'GET', `/leads/${leadId}`);
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).not.toContain('Ada');
    expect((await api.call(manager, 'POST', `/leads/${leadId}/read`)).status).toBe(200);
  });

  it("gives a lead's page its revision as ETag, which If-Match takes back", async () => {
    const before = await api.call(manager, 'GET', `/leads/${leadId}`);
    const etag = before.headers.get('etag');
    expect(etag).toBe(`"${String(await api.leadline.store.streamRevision(`lead-${leadId}`))}"`);
    const update = { fields: { company: 'Analytical Engines', rating: 'hot' } };
    expect((await api.call(manager, 'PATCH', `/leads/${leadId}`, update, { 'if-match': etag ?? '' })).status).toBe(200);
    // The ETag it had is now stale: a second change sent with it is refused, nothing written.
    const stale = await api.call(
      manager,
      'PATCH',
      `/leads/${leadId}`,
      { fields: { company: 'X' } },
      { 'if-match': etag ?? '' },
    );
    expect(stale.status).toBe(409);
    expect((await json(stale)).error).toMatchObject({ code: 'REVISION_MISMATCH' });
    await api.leadline.workers.settled();
    const after = await api.call(manager, 'GET', `/leads/${leadId}`);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await json(after)).toMatchObject({ company: 'Analytical Engines', rating: 'hot' });
  });

  it('lists views and their fields, pages a view, saves one and exports it as CSV', async () => {
    const views = await api.call(manager, 'GET', '/views');
    expect(views.status).toBe(200);
    expect((await api.call(manager, 'GET', '/views/fields')).status).toBe(200);
    const page = await api.call(manager, 'POST', '/lead-lists', { adHoc: { columns: ['name'] }, limit: 10 });
    expect(page.status).toBe(200);
    expect(JSON.stringify(await page.json())).toContain('Ada Lovelace');
    const saved = await api.call(manager, 'POST', '/views', { viewId: 'mine', name: 'Mine', columns: ['name'] });
    expect(saved.status).toBe(201);
    expect((await api.call(manager, 'GET', '/views/mine')).status).toBe(200);
    const csv = await api.call(manager, 'POST', '/views/export', { view: 'mine' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('Ada Lovelace');
    const bad = await api.call(manager, 'POST', '/lead-lists', { viewer: outsider, limit: 'ten' });
    expect(bad.status).toBe(400);
    expect((await api.call(manager, 'DELETE', '/views/mine')).status).toBe(200);
  });
});
