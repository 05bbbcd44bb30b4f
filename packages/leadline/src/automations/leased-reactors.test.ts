// Two instances on one SQLite file, both with `leases` and the same reactor: it runs in one of them,
// every event is delivered once, and when that instance closes the other takes the reactor over from
// its checkpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { LeadId } from '@leadline/domain';
import { ACME, admin, as, manager } from '../e2e/actors.js';
import type { Leadline } from '../leadline.js';
import { openLeadline } from '../store-url/open-leadline.js';

const folder = mkdtempSync(join(tmpdir(), 'leadline-leased-reactors-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function until(check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 50) {
    if (waited > 30_000) throw new Error('not within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('run a reactor in one instance at a time and hand it over on close', async () => {
  const storeUrl = `sqlite:${join(folder, 'leadline.db')}`;
  const deliveries: { instance: string; leadId: string }[] = [];
  const open = async (instance: string): Promise<Leadline> => {
    const leadline = await openLeadline({ storeUrl, leases: { takeoverWithinMs: 3000, owner: instance } });
    leadline.automations.on(
      'LeadCreated',
      (event) => {
        deliveries.push({ instance, leadId: event.data.leadId });
      },
      { name: 'welcome' },
    );
    return leadline;
  };
  const first = await open('first');
  await first.organisations.create({ orgId: ACME, name: 'Acme' }, as(admin));
  await first.workers.start();
  const second = await open('second');
  await second.workers.start();
  const create = (leadline: Leadline, index: number) =>
    leadline.leads.create(
      {
        leadId: LeadId(`lead-${index}`),
        fields: { name: `Lead ${index}`, email: `l${index}@example.com`, source: 'Website' },
      },
      as(manager),
    );
  for (let index = 0; index < 4; index += 1) await create(index % 2 === 0 ? first : second, index);
  await until(() => deliveries.length >= 4);
  expect(deliveries.map((delivery) => delivery.instance)).toEqual(['first', 'first', 'first', 'first']);

  await first.close();
  for (let index = 4; index < 7; index += 1) await create(second, index);
  await until(() => deliveries.length >= 7);
  await second.workers.settled();
  expect(deliveries.slice(4).map((delivery) => delivery.instance)).toEqual(['second', 'second', 'second']);
  expect(deliveries.map((delivery) => delivery.leadId).sort()).toEqual(
    Array.from({ length: 7 }, (_, index) => `lead-${index}`).sort(),
  );
  await second.close();
}, 60_000);
