// The Leads page in headless Chromium, as people use it: a manager creates a lead, drags it along the
// board, claims it, converts it and finds it again; the analytics charts show the facade's figures; a
// salesperson without View All Leads sees only their own leads and the pool. Screenshots go to
// .ci/artifacts/screenshots/.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { LEADLINE_PROJECTORS, openReadModelStore, projectAsOf, type LeadListInput } from 'leadline';
import type { Page } from 'playwright-core';
import { pino } from 'pino';
import { startWebApp, type RunningWebApp } from '../server/server.js';
import { ANA, BEN, MANAGER } from '../server/people.js';
import { CHROMIUM, INSTALL_HINT, chromiumInstalled, launchChromium, screenshot, type Browser } from './chromium.js';

const inCi = process.env.CI === 'true';
const installed = chromiumInstalled();
if (!installed && !inCi) {
  process.stderr.write(`Browser tests skipped: no Chromium at ${CHROMIUM} (${INSTALL_HINT}).\n`);
}
const describeInBrowser = installed || inCi ? describe : describe.skip;
const NEW_LEAD = 'Quinn Harper-Vale';
const DAY_MS = 86_400_000;
/** Seeding, bundling and starting Chromium: 15 to 20 s on the shared 2-core machine at a load of 19. */
const SETUP_TIMEOUT_MS = 120_000;
/** Each test drives several pages; a busy machine may need more than Jest's default 30 s. */
jest.setTimeout(60_000);

describeInBrowser('the Leads page in Chromium', () => {
  /** What beforeAll set up, undone in reverse by afterAll (as far as it got). */
  const teardown: (() => Promise<unknown>)[] = [];
  let app: RunningWebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // In CI a missing browser is a failure, never a silent skip.
    if (!installed) throw new Error(`Chromium is missing at ${CHROMIUM}: ${INSTALL_HINT}`);
    const folder = await mkdtemp(join(tmpdir(), 'leadline-web-app-'));
    teardown.push(() => rm(folder, { recursive: true, force: true }));
    // The request log at warn: failures show, the lines of every request do not.
    app = await startWebApp({
      storeUrl: `sqlite:${join(folder, 'leads.db')}`,
      port: 0,
      logger: pino({ level: 'warn' }),
    });
    teardown.push(() => app.close());
    await app.leadline.workers.settled();
    browser = await launchChromium();
    teardown.push(() => browser.close());
    page = await browser.newPage();
    // A missing element fails the step that waited for it, well before Jest's own timeout.
    page.setDefaultTimeout(15_000);
    await page.goto(app.url);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    for (const undo of teardown.reverse()) await undo();
  });

  /** The login picker on a first visit; afterwards the header's person switcher. */
  const signIn = async (userId: string): Promise<void> => {
    const switcher = page.locator('header select[name="user"]');
    if ((await switcher.count()) === 0) await page.locator(`button[data-user="${userId}"]`).click();
    else await switcher.selectOption(userId);
    await page.locator(`header select[name="user"] option[value="${userId}"]:checked`).waitFor({ state: 'attached' });
  };
  const boardOf = async (viewer = MANAGER.actor) =>
    (await app.leadline.queries.pipelineBoard({ viewer, leadsPerStage: 500 }))!;
  const stageOf = async (name: string): Promise<string | undefined> =>
    (await boardOf()).stages.find((stage) => stage.leads.some((lead) => lead.name === name))?.stageId;

  it('creates a lead, drags it to the next stage, claims it, converts it and finds it by search', async () => {
    await signIn(MANAGER.actor.userId);
    await page.goto(`${app.url}/#/list`);
    await page.locator('table.leads[aria-busy="false"]').waitFor();
    await page.locator('summary', { hasText: 'New lead' }).click();
    const form = page.locator('form[aria-label="New lead"]');
    await form.locator('input[name="name"]').fill(NEW_LEAD);
    await form.locator('input[name="email"]').fill('quinn@harper-vale.example');
    await form.locator('input[name="company"]').fill('Harper-Vale Ltd');
    await form.locator('select[name="source"]').selectOption('Event');
    await form.locator('button[type="submit"]').click();
    await page
      .getByRole('status')
      .filter({ hasText: `Created ${NEW_LEAD}` })
      .waitFor();
    await app.leadline.workers.settled();
    expect(await stageOf(NEW_LEAD)).toBe('NOT_CONTACTED');

    await page.goto(`${app.url}/#/board`);
    const card = page.locator('[data-stage-id="NOT_CONTACTED"] .card', { hasText: NEW_LEAD });
    await card.waitFor();
    await screenshot(page, '01-board-before-drag');
    await card.dragTo(page.locator('[data-stage-id="CONTACTED"]'));
    await page.locator('[data-stage-id="CONTACTED"] .card', { hasText: NEW_LEAD }).waitFor();
    expect(await stageOf(NEW_LEAD)).toBe('CONTACTED');
    await screenshot(page, '02-board-after-drag');

    await page.locator('[data-stage-id="CONTACTED"] .card a', { hasText: NEW_LEAD }).click();
    await page.locator('h1', { hasText: NEW_LEAD }).waitFor();
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.locator('[data-claim]', { hasText: 'claimed by maya' }).waitFor();
    await page.getByRole('button', { name: 'Convert to client' }).click();
    await page.locator('[data-stage]', { hasText: 'Converted' }).waitFor();
    await page.locator('.journey li', { hasText: 'Converted into new client' }).waitFor();
    await screenshot(page, '03-lead-converted');
    expect(await stageOf(NEW_LEAD)).toBe('CONVERTED');

    // A converted lead moves no more: the page shows the API's refusal, and nothing changes.
    await page.getByLabel('Stage', { exact: true }).selectOption('CONTACTED');
    await page.getByRole('button', { name: 'Move' }).click();
    const refusal = await page.getByRole('alert').textContent();
    expect(refusal).toMatch(/convert/i);
    await app.leadline.workers.settled();
    expect(await stageOf(NEW_LEAD)).toBe('CONVERTED');
    await screenshot(page, '04-move-refused');

    await page.goto(`${app.url}/#/list`);
    await page.locator('input[name="search"]').fill('harper');
    await page.locator('form[role="search"] button[type="submit"]').click();
    const rows = page.locator('table.leads tbody tr');
    await page.locator('[data-row-count]', { hasText: '1 shown' }).waitFor();
    expect(await rows.locator('td a').allTextContents()).toEqual([NEW_LEAD]);
    await screenshot(page, '05-search');
  });

  it('draws the analytics charts with the figures the facade gives', async () => {
    await app.leadline.workers.settled();
    await page.goto(`${app.url}/#/analytics`);
    for (const chart of ['sources', 'funnel', 'time-in-stage'])
      await page.locator(`[data-chart="${chart}"] canvas[data-rendered="true"]`).waitFor();
    await screenshot(page, '06-analytics');

    const board = await boardOf();
    const funnel = await app.leadline.queries.stageFunnel({ viewer: MANAGER.actor, workflowId: board.workflowId });
    const shownFunnel = await figuresOf(page, 'funnel', 'Entered');
    expect(shownFunnel).toEqual(Object.fromEntries(funnel.map((stage) => [stage.name, String(stage.leads)])));
    const sources = await app.leadline.queries.sourceAnalytics({ viewer: MANAGER.actor, period: 'month' });
    const created = new Map<string, number>();
    for (const row of sources) created.set(row.source, (created.get(row.source) ?? 0) + row.created);
    expect(await figuresOf(page, 'sources', 'Created')).toEqual(
      Object.fromEntries([...created].map(([source, count]) => [source, String(count)])),
    );
    // The demo's leads plus the one made above, every one of them counted once by source.
    expect([...created.values()].reduce((sum, count) => sum + count, 0)).toBe(33);
    expect(await figuresOf(page, 'time-in-stage', 'Median days')).toEqual(
      Object.fromEntries(funnel.map((stage) => [stage.name, ((stage.medianTimeInStageMs ?? 0) / DAY_MS).toFixed(1)])),
    );

    // As of the end of the demo's first week: the figures of the read models replayed to that instant.
    await page.locator('input[name="as-of"]').fill('2026-10-11');
    await page
      .locator('[data-as-of="2026-10-11T23:59:59.999Z"] [data-chart="funnel"] canvas[data-rendered="true"]')
      .waitFor();
    const replay = await projectAsOf({
      eventStore: app.leadline.store,
      store: await openReadModelStore('memory:'),
      projectors: LEADLINE_PROJECTORS,
      asOf: { instant: new Date('2026-10-11T23:59:59.999Z') },
    });
    try {
      const then = await app.leadline
        .queriesOn(replay.store)
        .stageFunnel({ viewer: MANAGER.actor, workflowId: board.workflowId });
      expect(await figuresOf(page, 'funnel', 'Entered')).toEqual(
        Object.fromEntries(then.map((stage) => [stage.name, String(stage.leads)])),
      );
      expect(then.find((stage) => stage.stageId === 'NOT_CONTACTED')?.leads).toBeLessThan(
        funnel.find((stage) => stage.stageId === 'NOT_CONTACTED')?.leads ?? 0,
      );
    } finally {
      await replay.store.dispose();
    }
    await screenshot(page, '07-analytics-as-of');
  });

  it('imports a CSV file with a progress bar and a row report, then transfers a selection to a salesperson and deletes one', async () => {
    const rows = Array.from({ length: 44 }, (_, n) => `Imported Person ${n + 1},imported${n + 1}@example.com,Website`);
    // Row 24 (the header is row 1) has neither email nor phone: refused, reported, nothing written for it.
    rows.splice(22, 0, 'No Contact Person,,Website');
    await page.goto(`${app.url}/#/import`);
    await page.locator('input[name="file"]').setInputFiles({
      name: 'leads.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['name,email,source', ...rows].join('\n')),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.locator('[data-finished="true"]', { hasText: '45 of 45 rows, 44 imported, done' }).waitFor();
    expect(await page.locator('progress').getAttribute('value')).toBe('45');
    expect(await page.locator('.problems li').allTextContents()).toEqual([expect.stringMatching(/^Row 24: email: /)]);
    await screenshot(page, '08-import');

    await app.leadline.workers.settled();
    await page.goto(`${app.url}/#/list`);
    await page.locator('input[name="search"]').fill('Imported Person 4');
    await page.locator('form[role="search"] button[type="submit"]').click();
    // Person 4 and 40 to 44.
    await page.locator('[data-row-count]', { hasText: '6 shown' }).waitFor();
    await page.getByLabel('Select Imported Person 4', { exact: true }).check();
    await page.getByLabel('Select Imported Person 40', { exact: true }).check();
    await page.locator('select[name="transfer-to"]').selectOption(BEN.actor.userId);
    await page.getByRole('button', { name: 'Transfer' }).click();
    await page.locator('table.leads td[data-owner]', { hasText: 'ben' }).nth(1).waitFor();
    await app.leadline.workers.settled();
    const bens = (await boardOf(BEN.actor)).stages.flatMap((stage) => stage.leads.map((lead) => lead.name));
    expect(bens).toEqual(expect.arrayContaining(['Imported Person 4', 'Imported Person 40']));

    await page.getByLabel('Select Imported Person 41', { exact: true }).check();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.locator('[data-row-count]', { hasText: '5 shown' }).waitFor();
    await app.leadline.workers.settled();
    const names = (await boardOf()).stages.flatMap((stage) => stage.leads.map((lead) => lead.name));
    expect(names).not.toContain('Imported Person 41');
    expect(names).toContain('Imported Person 42');
  });

  /** Every lead of a view as the facade lists it for `viewer`, page after page. */
  const facadeNames = async (viewer: typeof ANA.actor, request: Omit<LeadListInput, 'viewer'>): Promise<string[]> => {
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const listed = await app.leadline.leads.list({ viewer, ...request, ...(cursor === undefined ? {} : { cursor }) });
      names.push(...listed.items.map((item) => nameOf(item.values)));
      cursor = listed.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return names;
  };
  /** The table's rows once the page asked for has been answered. */
  const settledRows = async () => {
    await page.locator('table.leads[aria-busy="false"]').waitFor();
    return page.locator('table.leads tbody tr');
  };

  it('pages a salesperson through her leads and the pool, picks a view, sorts it and opens a lead', async () => {
    await page.goto(`${app.url}/#/list`);
    await signIn(ANA.actor.userId);
    // Every page of All leads by "Next page", as she would: her own leads and the pool, nobody else's.
    const shownNames: string[] = [];
    const owners: string[] = [];
    for (let pageNumber = 1; ; pageNumber += 1) {
      await page.locator('[data-page-number]', { hasText: `Page ${pageNumber}` }).waitFor();
      const rows = await settledRows();
      shownNames.push(...(await rows.locator('td a').allTextContents()));
      owners.push(...(await rows.locator('td[data-owner]').allTextContents()));
      if (pageNumber === 2) await screenshot(page, '09-salesperson-list-page-2');
      const next = page.getByRole('button', { name: 'Next page' });
      if (await next.isDisabled()) break;
      await next.click();
    }
    await app.leadline.workers.settled();
    const hers = await facadeNames(ANA.actor, { limit: 25 });
    expect(hers.length).toBeGreaterThan(25);
    expect(shownNames).toEqual(hers);
    expect(new Set(owners)).toEqual(new Set(['ana', 'pool']));
    const bensLeads = (await boardOf(BEN.actor)).stages.flatMap((stage) =>
      stage.leads.filter((lead) => lead.ownerId === BEN.actor.userId).map((lead) => lead.leadId),
    );
    expect(bensLeads.length).toBeGreaterThan(0);
    for (const leadId of bensLeads) expect(await page.locator(`tr[data-lead-id="${leadId}"]`).count()).toBe(0);

    // The Pool view, sorted by name descending in the database: the facade's own order, page one.
    await page.locator('select[name="view"]').selectOption({ label: 'Pool' });
    await page.locator('[data-page-number]', { hasText: 'Page 1' }).waitFor();
    await settledRows();
    await page.getByRole('button', { name: 'Name' }).click();
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Name' }).waitFor();
    await settledRows();
    await page.getByRole('button', { name: 'Name' }).click();
    await page.locator('th[aria-sort="descending"]', { hasText: 'Name' }).waitFor();
    const rows = await settledRows();
    const pool = await app.leadline.leads.list({
      viewer: ANA.actor,
      view: 'Pool',
      adHoc: { sort: [{ field: 'name', direction: 'desc' }] },
      limit: 25,
    });
    expect(await rows.locator('td a').allTextContents()).toEqual(pool.items.map((item) => item.values['name']));
    // The view's own columns, in its order, as the API gave them.
    const headers: (string | null)[] = [];
    for (const header of await page.locator('table.leads thead th[data-column]').all())
      headers.push(await header.getAttribute('data-column'));
    expect(headers).toEqual(pool.columns.map((column) => column.key));
    await screenshot(page, '10-pool-view-by-name-descending');

    // Open the first lead: its page comes from GET /leads/{id}, with the lead's revision as ETag.
    const first = pool.items[0]!;
    await rows.locator('td a').first().click();
    await page.locator('h1', { hasText: nameOf(first.values) }).waitFor();
    const revision = await app.leadline.store.streamRevision(`lead-${first.leadId}`);
    expect(await page.locator('article.lead').getAttribute('data-etag')).toBe(`"${String(revision)}"`);
    await page.locator('[data-owner]', { hasText: 'pool' }).waitFor();
    await screenshot(page, '11-lead-from-the-list');

    await page.goto(`${app.url}/#/analytics`);
    await page.getByRole('alert').waitFor();
    expect(await page.locator('canvas').count()).toBe(0);
  });
});

/** A listed lead's name (every view shows the name column). */
const nameOf = (values: Readonly<Record<string, unknown>>): string =>
  typeof values['name'] === 'string' ? values['name'] : '';

/** A chart's figures as its table shows them: label → the series' value. */
async function figuresOf(page: Page, chart: string, series: string): Promise<Record<string, string>> {
  const rows = page.locator(`[data-chart="${chart}"] tbody tr`);
  const figures: Record<string, string> = {};
  for (const row of await rows.all()) {
    const label = await row.getAttribute('data-label');
    figures[label ?? ''] = (await row.locator(`td[data-series="${series}"]`).textContent()) ?? '';
  }
  return figures;
}
