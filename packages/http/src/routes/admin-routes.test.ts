import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, OrgId, UserId, type Actor } from '@leadline/domain';
import { json, manager, openTestApi, outsider, rep1, type TestApi } from '../test-support/api.js';

const operator: Actor = { userId: UserId('ops'), orgId: OrgId('acme'), kind: 'system', permissions: ALL_PERMISSIONS };

describe('the organisation and workflow routes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await openTestApi({
      authenticate: (request) =>
        request.headers.get('x-test-user') === 'ops'
          ? operator
          : ([manager, rep1, outsider].find((actor) => actor.userId === request.headers.get('x-test-user')) ?? null),
    });
  });
  afterAll(async () => api.close());

  it("reads and changes the actor's organisation, never another's", async () => {
    const mine = await json(await api.call(manager, 'GET', '/organisation'));
    expect(mine).toMatchObject({ orgId: 'acme', settings: { sources: ['Website', 'Fair'] } });
    expect(await json(await api.call(outsider, 'GET', '/organisation'))).toMatchObject({ orgId: 'globex' });
    const changed = await api.call(manager, 'PATCH', '/organisation/settings', {
      changes: { sources: ['Website', 'Fair', 'Referral'] },
    });
    expect(changed.status).toBe(200);
    expect(
      ((await json(await api.call(manager, 'GET', '/organisation')))['settings'] as { sources: string[] }).sources,
    ).toContain('Referral');
    expect((await api.call(rep1, 'PATCH', '/organisation/settings', { changes: { sources: [] } })).status).toBe(403);
    const created = await api.call(manager, 'POST', '/organisations', { orgId: 'acme', name: 'Acme again' });
    expect(created.status).toBe(409);
  });

  it('creates a workflow, adds, renames, reorders and removes stages, and makes it the default', async () => {
    const created = await api.call(manager, 'POST', '/workflows', {
      workflowId: 'sales',
      name: 'Sales',
      stages: [
        { stageId: 'new', name: 'New', category: 'open' },
        { stageId: 'won', name: 'Won', category: 'won' },
      ],
    });
    expect(created.status).toBe(201);
    const added = await api.call(manager, 'POST', '/workflows/sales/stages', {
      stage: { stageId: 'talk', name: 'Talking', category: 'open' },
      position: 1,
    });
    expect(added.status).toBe(201);
    expect((await api.call(manager, 'PATCH', '/workflows/sales/stages/talk', { name: 'In talks' })).status).toBe(200);
    expect((await api.call(manager, 'PATCH', '/workflows/sales', { name: 'Sales 2027' })).status).toBe(200);
    const order = await api.call(manager, 'PUT', '/workflows/sales/stage-order', { order: ['talk', 'new', 'won'] });
    expect(order.status).toBe(200);
    expect((await api.call(manager, 'PUT', '/organisation/default-workflow', { workflowId: 'sales' })).status).toBe(
      200,
    );
    const removed = await api.call(manager, 'DELETE', '/workflows/sales/stages/new', { fallbackStageId: 'talk' });
    expect(removed.status).toBe(200);
    const workflow = await json(await api.call(manager, 'GET', '/workflows/sales'));
    expect(workflow).toMatchObject({ name: 'Sales 2027' });
    expect((workflow['stages'] as { stageId: string }[]).map((stage) => stage.stageId)).toEqual(['talk', 'won']);
    expect((await api.call(outsider, 'GET', '/workflows/sales')).status).toBe(404);
    expect((await api.call(manager, 'GET', '/workflows/nope')).status).toBe(404);
    const bad = await api.call(manager, 'POST', '/workflows', { name: 'X', stages: [{ stageId: 'a b', name: 'A' }] });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatchObject({ field: 'stages[0].stageId', rule: 'id-shape' });
  });

  it('sets, reads and simulates assignment rules', async () => {
    const rules = [{ ruleId: 'fair', when: { sources: ['Fair'] }, assign: { to: rep1.userId } }];
    expect((await api.call(manager, 'PUT', '/organisation/assignment-rules', rules)).status).toBe(204);
    expect(await json(await api.call(manager, 'GET', '/organisation/assignment-rules'))).toEqual(rules);
    const simulated = await api.call(manager, 'POST', '/organisation/assignment-rules/simulation', {
      rules,
      from: '2000-01-01T00:00:00Z',
    });
    expect(simulated.status).toBe(200);
    const badDate = await api.call(manager, 'POST', '/organisation/assignment-rules/simulation', {
      rules,
      from: 'last week',
    });
    expect(badDate.status).toBe(400);
    expect((await json(badDate)).error).toMatchObject({ field: 'from' });
  });

  it('shows parked events to operators only', async () => {
    expect((await api.call(manager, 'GET', '/projections/parked')).status).toBe(403);
    const parked = await api.handler(
      new Request('http://leadline.test/projections/parked', { headers: { 'x-test-user': 'ops' } }),
    );
    expect(parked.status).toBe(200);
    expect(await parked.json()).toEqual([]);
  });
});
