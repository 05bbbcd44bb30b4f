// commands.<store>: leads worked through the public command API of `createLeadline` — each created,
// claimed, moved through three stages (contacted, qualified, converted) and converted — one event
// store per pass. Events / 5 leads (20,000 at the default 100,000). The ceiling is the same store's
// `append` workload (exact-revision appends through the port) for as many events as the commands
// wrote, so the ratio is per event: what loading, deciding, metadata and retries cost on top.
import { ALL_PERMISSIONS, ClientId, LeadId, OrgId, StageId, UserId, type Actor } from '@leadline/domain';
import type { EventStore } from '@leadline/eventstore';
import { createLeadline, type Acting, type Leadline } from 'leadline';
import {
  openScratchMemoryStore,
  openScratchPostgresStore,
  openScratchSqliteStore,
  postgresUnavailable,
} from './scratch-stores.js';
import { registerWorkload, type Trial, type Workload, type WorkloadSettings } from '../harness/registry.js';
import { commandPlan } from './command-plan.js';
import { appendCommands, type OpenedStore } from './through-the-port.js';

const ORG = OrgId('org-bench');
const manager: Actor = { userId: UserId('bench-manager'), orgId: ORG, kind: 'user', permissions: ALL_PERMISSIONS };
const rep: Actor = { userId: UserId('bench-rep'), orgId: ORG, kind: 'user', permissions: ALL_PERMISSIONS };
const asManager: Acting = { actor: manager };
const asRep: Acting = { actor: rep };
/** The commands each lead gets, in rounds: every lead's first command, then every lead's second, … */
const ROUNDS: readonly ((leadline: Leadline, lead: number) => Promise<unknown>)[] = [
  (leadline, lead) =>
    leadline.leads.create(
      {
        leadId: leadIdOf(lead),
        fields: { name: `Lead ${lead}`, email: `lead${lead}@example.com`, source: 'Website' },
      },
      asManager,
    ),
  (leadline, lead) => leadline.leads.claim({ leadId: leadIdOf(lead) }, asRep),
  (leadline, lead) => leadline.leads.changeStage({ leadId: leadIdOf(lead), stageId: StageId('CONTACTED') }, asRep),
  (leadline, lead) => leadline.leads.changeStage({ leadId: leadIdOf(lead), stageId: StageId('QUALIFIED') }, asRep),
  (leadline, lead) =>
    leadline.leads.convert({ leadId: leadIdOf(lead), clientId: ClientId(`client-${lead}`), mode: 'new' }, asRep),
];
export const COMMANDS_PER_LEAD = ROUNDS.length;

const leadIdOf = (lead: number): LeadId => LeadId(`bench-lead-${lead}`);

async function openLeadlineOn(store: EventStore): Promise<{ leadline: Leadline; head: bigint }> {
  const leadline = createLeadline({ store, disposeStores: false });
  await leadline.organisations.create({ name: 'Bench Org' }, { actor: manager });
  return { leadline, head: await store.headPosition() };
}

async function workLeads(leadline: Leadline, leads: number): Promise<void> {
  for (const command of ROUNDS) for (let lead = 0; lead < leads; lead++) await command(leadline, lead);
}

/** How many events one lead's commands write, measured once on a scratch store of the same kind. */
async function measureEventsPerLead(open: () => Promise<OpenedStore>): Promise<number> {
  const opened = await open();
  try {
    const { leadline, head } = await openLeadlineOn(opened.store);
    await workLeads(leadline, 1);
    const events = Number((await opened.store.headPosition()) - head);
    await leadline.close();
    return events;
  } finally {
    await opened.close();
  }
}

export interface CommandsWorkloadParts {
  readonly open: () => Promise<OpenedStore>;
  readonly unavailable?: () => string | undefined;
  repetitions?: number;
}

export function commandsWorkload(store: string, parts: CommandsWorkloadParts): Workload {
  const leadsFor = (settings: WorkloadSettings): number => Math.max(1, Math.floor(settings.events / COMMANDS_PER_LEAD));
  let eventsPerLead: Promise<number> | undefined;
  return {
    name: `commands.${store}`,
    store,
    async subject(settings): Promise<Trial> {
      const opened = await parts.open();
      const { leadline, head } = await openLeadlineOn(opened.store);
      return {
        async run() {
          await workLeads(leadline, leadsFor(settings));
          return Number((await opened.store.headPosition()) - head);
        },
        close: async () => {
          await leadline.close();
          await opened.close();
        },
      };
    },
    async ceiling(settings): Promise<Trial> {
      eventsPerLead ??= measureEventsPerLead(parts.open);
      const plan = commandPlan(leadsFor(settings) * (await eventsPerLead));
      const opened = await parts.open();
      return { run: () => appendCommands(opened.store, plan), close: () => opened.close() };
    },
    ...(parts.unavailable === undefined ? {} : { unavailable: parts.unavailable }),
    ...(parts.repetitions === undefined ? {} : { repetitions: parts.repetitions }),
  };
}

registerWorkload(commandsWorkload('memory', { open: openScratchMemoryStore }));
registerWorkload(commandsWorkload('sqlite', { open: openScratchSqliteStore }));
registerWorkload(
  commandsWorkload('postgres', {
    open: () => openScratchPostgresStore(),
    unavailable: postgresUnavailable,
    repetitions: 1,
  }),
);
