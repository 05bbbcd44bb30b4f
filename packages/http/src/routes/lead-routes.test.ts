import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { json, looker, manager, openTestApi, outsider, rep1, rep2, type TestApi } from '../test-support/api.js';

describe('the lead routes', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi();
  });
  afterEach(async () => api.close());

  const create = async (name: string, extra: Record<string, unknown> = {}) => {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`;
    const response = await api.call(manager, 'POST', '/leads', {
      fields: { name, email, source: 'Website', ...extra },
    });
    expect(response.status).toBe(201);
    return (await json(response))['leadId'] as string;
  };

  it('creates a lead, moves it, claims, releases, assigns, converts and deletes it, each with its ETag', async () => {
    const created = await api.call(manager, 'POST', '/leads', {
      fields: { name: 'Ada Lovelace', email: 'ada@example.com', source: 'Website' },
    });
    expect(created.status).toBe(201);
    const body = await json(created);
    expect(body).toMatchObject({ outcome: 'created', revision: '0', replayed: false });
    expect(body).not.toHaveProperty('events');
    expect(created.headers.get('etag')).toBe('"0"');
    const leadId = body['leadId'] as string;

    const updated = await api.call(manager, 'PATCH', `/leads/${leadId}`, { fields: { company: 'Analytical' } });
    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"1"');

    const board = await json(await api.call(manager, 'GET', '/board'));
    const stages = board['stages'] as { stageId: string }[];
    const next = stages[1]?.stageId ?? '';
    expect((await api.call(manager, 'POST', `/leads/${leadId}/stage`, { stageId: next })).status).toBe(200);
    expect((await api.call(rep1, 'POST', `/leads/${leadId}/claim`, {})).status).toBe(200);
    const held = await api.call(rep2, 'POST', `/leads/${leadId}/claim`, {});
    expect(held.status).toBe(409);
    expect((await json(held)).error).toMatchObject({ code: 'CLAIM_HELD' });
    expect((await api.call(rep1, 'DELETE', `/leads/${leadId}/claim`)).status).toBe(200);
    expect((await api.call(manager, 'PUT', `/leads/${leadId}/owner`, { ownerId: rep2.userId })).status).toBe(200);
    const converted = await api.call(manager, 'POST', `/leads/${leadId}/conversion`, { clientId: 'c-1', mode: 'new' });
    expect(converted.status).toBe(200);
    const deleted = await api.call(manager, 'DELETE', `/leads/${leadId}`, { reason: 'test over' });
    expect(deleted.status).toBe(200);
    const afterDelete = await api.call(manager, 'POST', `/leads/${leadId}/notes`, { text: 'hello?' });
    expect(afterDelete.status).toBe(409);
    expect((await json(afterDelete)).error).toMatchObject({ code: 'LEAD_DELETED' });
  });

  it("reads a lead page, marks it read, and serves the organisation's custom fields and layout", async () => {
    const defined = await api.call(manager, 'POST', '/organisation/fields', {
      field: { key: 'tier', label: 'Tier', type: 'select', options: ['Gold', 'Silver'] },
    });
    expect(defined.status).toBe(201);
    const layout = await api.call(manager, 'PUT', '/organisation/field-layout', {
      layout: { sections: [{ name: 'Deal', fields: ['tier', 'estimatedValue'] }], hidden: ['notes'] },
    });
    expect(layout.status).toBe(200);
    const badLayout = await api.call(manager, 'PUT', '/organisation/field-layout', {
      layout: { sections: [], hidden: ['name'] },
    });
    expect(badLayout.status).toBe(400);
    expect((await json(badLayout)).error).toMatchObject({ field: 'layout.hidden.0', rule: 'not-required' });
    const leadId = await create('Grace Hopper', { customFields: { tier: 'Gold' } });
    expect(
      (await api.call(manager, 'PATCH', '/organisation/fields/tier', { changes: { label: 'Level' } })).status,
    ).toBe(200);
    await api.leadline.workers.settled();
    const page = await json(await api.call(manager, 'GET', `/leads/${leadId}`));
    expect(page).toMatchObject({ name: 'Grace Hopper', customFields: { tier: 'Gold' }, unread: false });
    expect((page['sections'] as { name: string }[])[0]).toMatchObject({
      name: 'Deal',
      fields: [{ key: 'tier', label: 'Level', value: 'Gold' }, { key: 'estimatedValue' }],
    });
    expect((await api.call(manager, 'POST', `/leads/${leadId}/read`, {})).status).toBe(200);
    expect((await api.call(outsider, 'GET', `/leads/${leadId}`)).status).toBe(404);
    expect((await api.call(manager, 'DELETE', '/organisation/fields/tier')).status).toBe(200);
  });

  it('refuses bad input with 400 naming the field and the rule, and writes nothing', async () => {
    const head = await api.leadline.store.headPosition();
    const missing = await api.call(manager, 'POST', '/leads', { fields: { email: 'x@example.com' } });
    expect(missing.status).toBe(400);
    expect((await json(missing)).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'fields.name',
      rule: 'required',
    });
    const unknown = await api.call(manager, 'POST', '/leads', { fields: { name: 'A' }, admin: true });
    expect((await json(unknown)).error).toMatchObject({ field: 'admin', rule: 'unknown-field' });
    const renamed = await api.call(manager, 'POST', '/leads', { details: { name: 'A', email: 'a@example.com' } });
    expect(renamed.status).toBe(400);
    expect((await json(renamed)).error).toMatchObject({ field: 'details', rule: 'renamed:fields' });
    const renamedUpdate = await api.call(manager, 'PATCH', `/leads/l-renamed`, { changes: { company: 'X' } });
    expect((await json(renamedUpdate)).error).toMatchObject({ field: 'changes', rule: 'renamed:fields' });
    const malformed = await api.call(manager, 'POST', '/leads', '{"fields": ');
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).error).toMatchObject({ code: 'MALFORMED_JSON' });
    const notJson = await api.call(manager, 'POST', '/leads', 'name=A', { 'content-type': 'text/plain' });
    expect(notJson.status).toBe(415);
    const huge = await api.call(manager, 'POST', '/leads', { fields: { name: 'A', notes: 'x'.repeat(2_000_000) } });
    expect(huge.status).toBe(413);
    expect((await json(huge)).error).toMatchObject({ code: 'BODY_TOO_LARGE' });
    expect(await api.leadline.store.headPosition()).toBe(head);
  });

  it('asks for an actor (401) and a permission (403)', async () => {
    const leadId = await create('Grace Hopper');
    expect((await api.call(null, 'POST', '/leads', { fields: { name: 'X' } })).status).toBe(401);
    expect((await api.call(null, 'GET', '/board')).status).toBe(401);
    const denied = await api.call(looker, 'PUT', `/leads/${leadId}/owner`, { ownerId: looker.userId });
    expect(denied.status).toBe(403);
    expect((await json(denied)).error).toMatchObject({ code: 'PERMISSION_DENIED' });
    const funnel = await api.call(rep1, 'GET', `/analytics/funnel?workflowId=x`);
    expect(funnel.status).toBe(403);
    expect((await json(funnel)).error).toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it("answers another organisation's lead as no lead at all", async () => {
    const leadId = await create('Secret Lead', { email: 'secret@acme.example' });
    await api.leadline.workers.settled();
    for (const [method, path, body] of [
      ['POST', `/leads/${leadId}/stage`, { stageId: 'won' }],
      ['POST', `/leads/${leadId}/claim`, {}],
      ['PATCH', `/leads/${leadId}`, { fields: { name: 'Stolen' } }],
      ['DELETE', `/leads/${leadId}`, {}],
      ['GET', `/leads/${leadId}/journey`, undefined],
      ['GET', `/leads/${leadId}/journey/verification`, undefined],
    ] as const) {
      const response = await api.call(outsider, method, path, body);
      expect([403, 404]).toContain(response.status);
      const text = JSON.stringify(await response.json());
      expect(text).not.toContain('Secret');
      expect(text).not.toContain('secret@acme');
    }
    const search = await json(await api.call(outsider, 'GET', '/search?text=Secret'));
    expect(search['items']).toEqual([]);
  });

  it('takes If-Match as the expected revision: 409 with the current revision when the lead moved on', async () => {
    const leadId = await create('Katherine Johnson');
    const first = await api.call(
      manager,
      'PATCH',
      `/leads/${leadId}`,
      { fields: { company: 'NASA' } },
      { 'if-match': '"0"' },
    );
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"1"');
    const stale = await api.call(
      manager,
      'PATCH',
      `/leads/${leadId}`,
      { fields: { company: 'NACA' } },
      { 'if-match': '"0"' },
    );
    expect(stale.status).toBe(409);
    expect((await json(stale)).error).toMatchObject({ code: 'REVISION_MISMATCH', currentRevision: '1' });
    const merge = await api.call(
      manager,
      'POST',
      '/merges',
      { survivorId: leadId, absorbedIds: ['x'] },
      { 'if-match': '"1"' },
    );
    expect(merge.status).toBe(400);
    expect((await json(merge)).error).toMatchObject({ field: 'If-Match', rule: 'lead-commands-only' });
    const bad = await api.call(manager, 'PATCH', `/leads/${leadId}`, { fields: {} }, { 'if-match': 'W/"1"' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatchObject({ field: 'If-Match' });
  });

  it('passes Idempotency-Key on: a retried create makes one lead', async () => {
    const send = () =>
      api.call(
        manager,
        'POST',
        '/leads',
        { fields: { name: 'Once Only', phone: '+44 20 7946 0000', source: 'Fair' } },
        { 'idempotency-key': 'form-42' },
      );
    const first = await json(await send());
    const second = await json(await send());
    expect(second).toMatchObject({ leadId: first['leadId'], replayed: true });
  });
});
