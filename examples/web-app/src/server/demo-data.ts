// Demo data for the web app, written through the facade as the app's people would: four weeks of a small
// sales team (leads from four sources, calls, stage moves, conversions and losses), on a clock that
// walks through those weeks. The same every time: nothing here is random.
import { CallOutcome, ClientId, StageId, type Actor, type LeadId } from '@leadline/domain';
import { openLeadline, type Leadline } from 'leadline';
import { createManualClock } from 'leadline/testing';
import { ANA, BEN, DEMO_ORG, DEMO_ORG_NAME, MANAGER } from './people.js';

/** Monday 5 October 2026, 09:00 UTC: the first day of the demo's four weeks. */
export const DEMO_START = '2026-10-05T09:00:00.000Z';
export const DEMO_LEADS = 32;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const FIRST = ['Zoë', 'Liam', 'Priya', 'Tomás', 'Hana', 'Oskar', 'Amara', 'Felix'];
const LAST = ['Ålander', 'Müller', 'Okonkwo', 'Reyes'];
const COMPANIES = ['Globex', 'Initech', 'Umbrella Foods', 'Stark Logistics', 'Wayne Textiles', 'Hooli'];
export const DEMO_SOURCES = ['Website', 'Referral', 'Event', 'Cold Call'] as const;

/** Where each lead ends up, by its number: a spread over the whole pipeline. */
const OUTCOMES = ['NOT_CONTACTED', 'CONTACTED', 'QUALIFIED', 'CONVERTED', 'LOST'] as const;

interface Step {
  readonly at: number;
  run(leadline: Leadline): Promise<unknown>;
}

function stepsOfLead(index: number, leadIds: Map<number, LeadId>): Step[] {
  const start = new Date(DEMO_START).getTime() + Math.floor(index * 0.8) * DAY + (index % 5) * HOUR;
  const owner: Actor | null = index % 3 === 0 ? ANA.actor : index % 3 === 1 ? BEN.actor : null;
  const worker = owner ?? MANAGER.actor;
  const outcome = OUTCOMES[index % OUTCOMES.length] ?? 'NOT_CONTACTED';
  const leadId = (): LeadId => {
    const id = leadIds.get(index);
    if (id === undefined) throw new Error(`lead ${index} was not created before its next step`);
    return id;
  };
  const acting = (actor: Actor, what: string) => ({ actor, idempotencyKey: `demo-${index}-${what}` });
  const first = FIRST[index % FIRST.length] ?? 'Sam';
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length] ?? 'Lee';
  const steps: Step[] = [
    {
      at: start,
      run: async (leadline) => {
        const created = await leadline.leads.create(
          {
            fields: {
              name: `${first} ${last}`,
              email: `${first}.${last}@example.com`
                .toLowerCase()
                .normalize('NFD')
                .replace(/[^a-z@.]/g, ''),
              company: COMPANIES[index % COMPANIES.length] ?? null,
              source: DEMO_SOURCES[index % DEMO_SOURCES.length] ?? 'Website',
              estimatedValue: { amountMinor: ((index * 37) % 45) * 10_000 + 50_000, currency: 'EUR' },
            },
            ...(owner === null ? {} : { ownerId: owner.userId }),
          },
          acting(MANAGER.actor, 'create'),
        );
        leadIds.set(index, created.leadId);
      },
    },
  ];
  const move = (days: number, stageId: string): Step => ({
    at: start + days * DAY,
    run: (leadline) =>
      leadline.leads.changeStage({ leadId: leadId(), stageId: StageId(stageId) }, acting(worker, stageId)),
  });
  if (outcome === 'NOT_CONTACTED') return steps;
  steps.push({
    at: start + DAY - HOUR,
    run: (leadline) =>
      leadline.leads.logNote(
        { leadId: leadId(), text: 'First call', outcome: CallOutcome.Connected },
        acting(worker, 'note'),
      ),
  });
  steps.push(move(1, 'CONTACTED'));
  if (outcome === 'CONTACTED') return steps;
  if (outcome === 'LOST') {
    steps.push({
      at: start + 3 * DAY,
      run: (leadline) =>
        leadline.leads.markLost({ leadId: leadId(), reason: 'Chose a competitor' }, acting(worker, 'lost')),
    });
    return steps;
  }
  steps.push(move(2 + (index % 4), 'QUALIFIED'));
  if (outcome === 'CONVERTED') {
    steps.push({
      at: start + (6 + (index % 5)) * DAY,
      run: (leadline) =>
        leadline.leads.convert(
          { leadId: leadId(), clientId: ClientId(`client-${index}`), mode: 'new' },
          acting(worker, 'convert'),
        ),
    });
  }
  return steps;
}

/** The leads' steps in time order, as the weeks went. */
export function demoSteps(leadIds: Map<number, LeadId>): Step[] {
  return Array.from({ length: DEMO_LEADS }, (_, index) => stepsOfLead(index, leadIds))
    .flat()
    .sort((a, b) => a.at - b.at);
}

/**
 * Writes the demo's weeks into the SQLite file at `storeUrl` unless it holds events already (a restart
 * keeps what people did). Returns whether it wrote.
 */
export async function seedDemo(storeUrl: string): Promise<boolean> {
  const clock = createManualClock(DEMO_START);
  const leadline = await openLeadline({ storeUrl, clock, timers: clock });
  try {
    if ((await leadline.store.headPosition()) > 0n) return false;
    await leadline.organisations.create(
      { orgId: DEMO_ORG, name: DEMO_ORG_NAME, settings: { defaultCountryCallingCode: '44' } },
      { actor: MANAGER.actor, idempotencyKey: 'demo-organisation' },
    );
    const leadIds = new Map<number, LeadId>();
    for (const step of demoSteps(leadIds)) {
      await clock.advanceTo(new Date(step.at));
      await step.run(leadline);
    }
    return true;
  } finally {
    await leadline.close();
  }
}
