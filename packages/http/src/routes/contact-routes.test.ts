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
    expect(await json(erased)).toEqual({ leadIds: [leadId], clientIds: [], newlyErased: 1 });

    const exported = await json(await api.call(manager, 'POST', '/contacts/exports', { leadId }));
    expect(exported).toMatchObject({ erased: true, details: { name: '[erased]', email: '[erased]' } });
    expect(JSON.stringify(exported)).not.toContain('grace@navy.example');
  });

  it('erases a client record by its id and exports it with placeholders; refuses an unknown one', async () => {
    const created = await api.call(manager, 'POST', '/clients', {
      details: { name: 'Hopper Consulting', email: 'ops@hopper.example', company: 'Navy' },
    });
    expect(created.status).toBe(201);
    const clientId = (await json(created))['clientId'] as string;
    const erased = await api.call(manager, 'POST', '/contacts/erasures', { clientId, reason: 'Asked' });
    expect(await json(erased)).toEqual({ leadIds: [], clientIds: [clientId], newlyErased: 1 });
    const exported = await api.call(manager, 'POST', '/contacts/client-exports', { clientId });
    expect(exported.status).toBe(200);
    const body = await json(exported);
    expect(body).toMatchObject({ erased: true, details: { name: '[erased]', email: '[erased]', company: 'Navy' } });
    expect(JSON.stringify(body)).not.toMatch(/Hopper|ops@/);
    const unknown = await api.call(manager, 'POST', '/contacts/client-exports', { clientId: 'no-such-client' });
    expect(unknown.status).toBe(404);
    const bad = await api.call(manager, 'POST', '/contacts/client-exports', { leadId: 'x' });
    expect(bad.status).toBe(400);
  });

  it('refuses a bad retention period with the field and the rule, and runs a good one', async () => {
    const bad = await api.call(manager, 'POST', '/contacts/retention', { lostLeadsAfterMonths: 0 });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatchObject({ field: 'lostLeadsAfterMonths' });
    const good = await api.call(manager, 'POST', '/contacts/retention', { lostLeadsAfterMonths: 24 });
    expect(good.status).toBe(200);
    expect(await json(good)).toMatchObject({ newlyErased: 0 });
  });

  it('sets and reads the retention policy for an administrator; refuses bad months and other actors', async () => {
    const none = await api.call(manager, 'GET', '/contacts/retention-policy');
    expect(none.status).toBe(200);
    expect(await json(none)).toEqual({ lostLeadsAfterMonths: null });
    const refused = await api.call(rep1, 'PUT', '/contacts/retention-policy', { lostLeadsAfterMonths: 24 });
    expect(refused.status).toBe(403);
    expect((await api.call(rep1, 'GET', '/contacts/retention-policy')).status).toBe(403);
    const bad = await api.call(manager, 'PUT', '/contacts/retention-policy', { lostLeadsAfterMonths: 1201 });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatchObject({ field: 'lostLeadsAfterMonths' });
    expect((await api.call(manager, 'PUT', '/contacts/retention-policy', { lostLeadsAfterMonths: 24 })).status).toBe(
      200,
    );
    expect(await json(await api.call(manager, 'GET', '/contacts/retention-policy'))).toEqual({
      lostLeadsAfterMonths: 24,
    });
    const byPolicy = await api.call(manager, 'POST', '/contacts/retention', {});
    expect(byPolicy.status).toBe(200);
    expect(await json(byPolicy)).toMatchObject({ lostLeadsAfterMonths: 24, newlyErased: 0 });
    expect((await api.call(manager, 'PUT', '/contacts/retention-policy', { lostLeadsAfterMonths: null })).status).toBe(
      200,
    );
    const noPolicy = await api.call(manager, 'POST', '/contacts/retention', {});
    expect(noPolicy.status).toBe(400);
    expect((await json(noPolicy)).error).toMatchObject({ field: 'lostLeadsAfterMonths', rule: 'policy-set' });
  });
});
