import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { json, manager, openTestApi, outsider, rep1, type TestApi } from '../test-support/api.js';

describe('the query routes', () => {
  let api: TestApi;
  let workflowId: string;
  let stages: { stageId: string; count: number }[];
  const names = ['Ada Lovelace', 'Alan Turing', 'Barbara Liskov', 'Claude Shannon', 'Donald Knuth'];
  beforeAll(async () => {
    api = await openTestApi();
    for (const [index, name] of names.entries()) {
      const response = await api.call(manager, 'POST', '/leads', {
        fields: { name, email: `person${index}@example.com`, source: index % 2 === 0 ? 'Website' : 'Fair' },
        ...(index === 0 ? { ownerId: rep1.userId } : {}),
      });
      expect(response.status).toBe(201);
    }
    await api.leadline.workers.settled();
    const board = await json(await api.call(manager, 'GET', '/board'));
    workflowId = board['workflowId'] as string;
    stages = board['stages'] as typeof stages;
  });
  afterAll(async () => api.close());

  it('shows the board of the default workflow with its counts, filtered by the query string', async () => {
    expect(stages.reduce((sum, stage) => sum + stage.count, 0)).toBe(5);
    const fair = await json(await api.call(manager, 'GET', `/board?workflowId=${workflowId}&filters.source=Fair`));
    expect(fair['count']).toBe(2);
    const missing = await api.call(manager, 'GET', '/board?workflowId=no-such-flow');
    expect(missing.status).toBe(404);
    const wrongType = await api.call(manager, 'GET', '/board?leadsPerStage=many');
    expect(wrongType.status).toBe(400);
    expect((await json(wrongType)).error).toMatchObject({ field: 'leadsPerStage', rule: 'must-be-number' });
    const unknown = await api.call(manager, 'GET', '/board?orgId=globex');
    expect((await json(unknown)).error).toMatchObject({ field: 'orgId', rule: 'unknown-field' });
  });

  it('pages the board by its stages: ?stages.first= and ?stages.after= the previous nextStagesAfter', async () => {
    const first = await json(await api.call(manager, 'GET', '/board?stages.first=2'));
    expect((first['stages'] as { stageId: string }[]).map((stage) => stage.stageId)).toEqual([
      'NOT_CONTACTED',
      'CONTACTED',
    ]);
    expect(first['count']).toBe(5);
    const rest = await json(await api.call(manager, 'GET', `/board?stages.after=${String(first['nextStagesAfter'])}`));
    expect((rest['stages'] as unknown[]).length).toBe(3);
    expect(rest['nextStagesAfter']).toBeNull();
    const unknownStage = await api.call(manager, 'GET', '/board?stages.after=NOPE');
    expect(unknownStage.status).toBe(400);
    expect((await json(unknownStage)).error).toMatchObject({ field: 'stages.after', rule: 'known-stage' });
  });

  it('pages a search with keyset cursors passed back as ?after=', async () => {
    const first = await json(await api.call(manager, 'GET', '/search?text=example.com&limit=2'));
    const items = first['items'] as { name: string }[];
    expect(items).toHaveLength(2);
    const cursor = first['nextCursor'] as string;
    expect(typeof cursor).toBe('string');
    const second = await json(
      await api.call(manager, 'GET', `/search?text=example.com&limit=2&after=${encodeURIComponent(cursor)}`),
    );
    const more = second['items'] as { name: string }[];
    expect(more).toHaveLength(2);
    expect(more.map((hit) => hit.name)).not.toContain(items[0]?.name);
    const found = await json(await api.call(manager, 'GET', '/search?text=Liskov'));
    expect((found['items'] as { name: string }[]).map((hit) => hit.name)).toEqual(['Barbara Liskov']);
    expect((await api.call(manager, 'GET', '/search?text=example.com&limit=0')).status).toBe(400);
  });

  it("gives a rep their own queue and the pool, never another's leads", async () => {
    const queue = await json(await api.call(rep1, 'GET', '/queue'));
    expect((queue['items'] as { name: string }[]).map((lead) => lead.name)).toEqual(['Ada Lovelace']);
    const pool = await json(await api.call(rep1, 'GET', '/pool?limit=10'));
    expect(pool['items']).toHaveLength(4);
    const claims = await api.call(rep1, 'GET', '/claims');
    expect(claims.status).toBe(200);
    const theirs = await json(await api.call(outsider, 'GET', '/search?text=example.com'));
    expect(theirs['items']).toEqual([]);
    const outsiderBoard = await api.call(outsider, 'GET', `/board?workflowId=${workflowId}`);
    expect(outsiderBoard.status).toBe(404);
  });

  it("tells a lead's journey to who may see it, and 404 to who may not", async () => {
    const hit = (await json(await api.call(manager, 'GET', '/search?text=Ada')))['items'] as { leadId: string }[];
    const leadId = hit[0]?.leadId ?? '';
    const journey = await api.call(manager, 'GET', `/leads/${leadId}/journey`);
    expect(journey.status).toBe(200);
    expect(((await journey.json()) as unknown[]).length).toBeGreaterThan(0);
    expect((await api.call(outsider, 'GET', `/leads/${leadId}/journey`)).status).toBe(404);
    const verified = await json(await api.call(manager, 'GET', `/leads/${leadId}/journey/verification`));
    expect(verified).toMatchObject({ ok: true });
  });

  it('gives source analytics and the funnel to View All Leads only', async () => {
    const sources = await api.call(manager, 'GET', '/analytics/sources?period=month');
    expect(sources.status).toBe(200);
    const rows = (await sources.json()) as { source: string; created: number }[];
    const created = Object.fromEntries(rows.map((row) => [row.source, row.created]));
    expect(created).toEqual({ Website: 3, Fair: 2 });
    const dated = await api.call(manager, 'GET', '/analytics/sources?period=week&from=2000-01-01T00:00:00Z');
    expect(dated.status).toBe(200);
    expect((await api.call(manager, 'GET', '/analytics/sources?period=fortnight')).status).toBe(400);
    const funnel = await api.call(manager, 'GET', `/analytics/funnel?workflowId=${workflowId}`);
    expect(funnel.status).toBe(200);
    expect(((await funnel.json()) as { leads: number }[])[0]?.leads).toBe(5);
    expect((await api.call(rep1, 'GET', '/analytics/sources?period=month')).status).toBe(403);
    expect((await api.call(manager, 'GET', `/analytics/paths?outcome=converted`)).status).toBe(200);
  });
});
