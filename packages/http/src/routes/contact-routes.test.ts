import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { json, manager, openTestApi, outsider, rep1, type TestApi } from '../test-support/api.js';

describe('the contact routes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi();
  });
  afterAll(async () => api.close());

  it('erases a person by email for an administrator only, and exports what is left', async () => {
    const created = await api.call(manager, 'POST', '/leads', {
      fields: { name: 'Grace Hopper', email: 'grace@navy.example', source: 'Website' },
    });
    expect(created.status).toBe(201);
    const leadId = (await json(created))['leadId'] as string;

    const refused = await api.call(rep1, 'POST', '/contacts/erasures', {
      email: 'grace@navy.example',
      reason: 'Asked',
    });
    expect(refused.status).toBe(403);
    const foreign = await api.call(outsider, 'POST', '/contacts/erasures', { leadId, reason: 'Asked' });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(await json(foreign))).not.toContain('Grace');

    const erased = await api.call(manager, 'POST', '/contacts/erasures', {
      email: 'grace@navy.example',
      reason: 'Asked',
    });
    expect(erased.status).toBe(200);
    expect(await json(erased)).toEqual({ leadIds: [leadId], newlyErased: 1 });

    const exported = await json(await api.call(manager, 'POST', '/contacts/exports', { leadId }));
    expect(exported).toMatchObject({ erased: true, details: { name: '[erased]', email: '[erased]' } });
    expect(JSON.stringify(exported)).not.toContain('grace@navy.example');
  });

  it('refuses a bad retention period with the field and the rule, and runs a good one', async () => {
    const bad = await api.call(manager, 'POST', '/contacts/retention', { lostLeadsAfterMonths: 0 });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatchObject({ field: 'lostLeadsAfterMonths' });
    const good = await api.call(manager, 'POST', '/contacts/retention', { lostLeadsAfterMonths: 24 });
    expect(good.status).toBe(200);
    expect(await json(good)).toMatchObject({ newlyErased: 0 });
  });
});
