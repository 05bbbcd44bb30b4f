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
