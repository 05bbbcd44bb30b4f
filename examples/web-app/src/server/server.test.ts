// The web app's server without a browser: the page's files, the login picker's settings, the API under
// /api with the cookie as the actor, the as-of read side, and a restart that keeps what was done.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { DEMO_LEADS } from './demo-data.js';
import { ANA, USER_COOKIE } from './people.js';
import { startWebApp, type RunningWebApp } from './server.js';

describe('the web app server', () => {
  let folder: string;
  let storeUrl: string;
  let app: RunningWebApp;
  const quiet = pino({ level: 'warn' });

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'leadline-web-app-server-'));
    storeUrl = `sqlite:${join(folder, 'leads.db')}`;
    app = await startWebApp({ storeUrl, port: 0, logger: quiet });
    await app.leadline.workers.settled();
  });
  afterAll(async () => {
    await app.close();
    await rm(folder, { recursive: true, force: true });
  });

  const get = (path: string, userId?: string, init: RequestInit = {}) =>
    fetch(`${app.url}${path}`, {
      ...init,
      headers: userId === undefined ? {} : { cookie: `${USER_COOKIE}=${userId}` },
    });
  const createdIn = async (response: Response): Promise<number> =>
    ((await response.json()) as { created: number }[]).reduce((sum, row) => sum + row.created, 0);

  it('serves the page, its bundle and the login picker settings', async () => {
    expect(app.seeded).toBe(true);
    const page = await get('/');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<script type="module" src="/app.js">');
    const bundle = await get('/app.js');
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await bundle.text()).length).toBeGreaterThan(10_000);
    const config = (await (await get('/app/config')).json()) as { people: { userId: string; viewsAll: boolean }[] };
    expect(config.people.map((person) => [person.userId, person.viewsAll])).toEqual([
      ['maya', true],
      ['ana', false],
      ['ben', false],
    ]);
    expect((await get('/nowhere')).status).toBe(404);
  });

  it('answers the API for the person in the cookie, and 401 without one', async () => {
    expect((await get('/api/board')).status).toBe(401);
    expect((await get('/api/board', 'mallory')).status).toBe(401);
    const board = (await (await get('/api/board?leadsPerStage=500', ANA.actor.userId)).json()) as {
      stages: { leads: { ownerId: string | null }[] }[];
    };
    const owners = new Set(board.stages.flatMap((stage) => stage.leads.map((lead) => lead.ownerId)));
    expect(owners).toEqual(new Set(['ana', null]));
    const all = await get('/api/analytics/sources?period=month', 'maya');
    expect(await createdIn(all)).toBe(DEMO_LEADS);
    expect((await get('/api/analytics/sources?period=month', ANA.actor.userId)).status).toBe(403);
  });

  it('answers the same API as of a past instant, read only, and refuses an instant that is none', async () => {
    const firstWeek = await get('/api/as-of/2026-10-11T23%3A59%3A59.999Z/analytics/sources?period=month', 'maya');
    expect(firstWeek.status).toBe(200);
    const createdThen = await createdIn(firstWeek);
    expect(createdThen).toBeGreaterThan(0);
    expect(createdThen).toBeLessThan(DEMO_LEADS);
    const badInstant = await get('/api/as-of/last-tuesday/board', 'maya');
    expect(badInstant.status).toBe(400);
    expect(await badInstant.json()).toMatchObject({ error: { field: 'asOf', rule: 'iso-8601' } });
    const write = await get('/api/as-of/2026-10-11T23%3A59%3A59.999Z/leads', 'maya', {
      method: 'POST',
      body: '{}',
    });
    expect(write.status).toBe(405);
  });

  it('keeps what was done across a restart and does not seed twice', async () => {
    const head = await app.leadline.store.headPosition();
    await app.close();
    app = await startWebApp({ storeUrl, port: 0, logger: quiet });
    expect(app.seeded).toBe(false);
    expect(await app.leadline.store.headPosition()).toBe(head);
  });
});
