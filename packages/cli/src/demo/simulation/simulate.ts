// The simulated weeks: every working day the manager enters the day's new leads, the salespeople work
// their calls and the pool, and simulated time runs through the night so lapsed claims expire.
import { DEFAULT_WORKFLOW_NAME, StageCategory, type WorkflowId } from '@leadline/domain';
import type { Leadline } from 'leadline';
import type { ManualClock } from 'leadline/testing';
import { ADMIN, DEMO_ORG, DEMO_ORG_NAME, DEMO_WEEKS, PARTNERS_STAGES, PARTNERS_WORKFLOW, REPS } from '../cast.js';
import type { SeededRandom } from '../random.js';
import { readDemoCsv, scheduleArrivals, type Arrival } from './arrivals.js';
import { dayStart, type CallContext } from './calls.js';
import { assignStaleLeads, enterArrivals, reopenLostLeads } from './manager-day.js';
import { workDay, type RepTallies } from './rep-day.js';
import type { World, WorkflowStages } from './world.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const REOPEN_REASONS = [
  'Budget approved after all',
  'New decision maker wants to talk',
  'Competitor deal fell through',
];

export interface SimulationOptions {
  readonly leadline: Leadline;
  readonly clock: ManualClock;
  readonly random: SeededRandom;
  readonly csvFile: string;
  /** Told after each simulated day. */
  readonly onDay?: (day: number, days: number) => void;
}

export interface SimulationResult {
  readonly defaultWorkflowId: WorkflowId;
  readonly days: number;
  readonly from: string;
  readonly to: string;
  readonly leads: number;
  readonly claimRaces: number;
}

export async function simulate(options: SimulationOptions): Promise<SimulationResult> {
  const { leadline, clock, random } = options;
  const from = clock.now().toISOString();
  const organisation = await leadline.organisations.create(
    { orgId: DEMO_ORG, name: DEMO_ORG_NAME, defaultWorkflowName: DEFAULT_WORKFLOW_NAME },
    { actor: ADMIN, idempotencyKey: 'demo-organisation' },
  );
  await leadline.workflows.create(
    { workflowId: PARTNERS_WORKFLOW, name: 'Partnerships', stages: PARTNERS_STAGES },
    { actor: ADMIN },
  );
  const world: World = {
    leads: [],
    workflows: await stagesOf(leadline, [organisation.defaultWorkflowId, PARTNERS_WORKFLOW]),
    now: clock.now().getTime(),
    day: 0,
  };
  // Only the claim expiry worker runs during the weeks; the read models are built once at the end.
  await leadline.workers.start({ projections: false, automations: false });

  const context: CallContext = {
    leadline,
    world,
    random,
    async tick(ms) {
      const target = clock.now().getTime() + ms;
      await leadline.workers.settled();
      // Time moves from one claim expiry to the next and waits there until the worker has written it: on a
      // store with real I/O (PostgreSQL) its command would otherwise read a clock already moved on, and the
      // log would depend on the engine's speed rather than the seed.
      const { claimExpiry } = leadline.workers;
      for (
        let next = claimExpiry.nextExpiry();
        next !== null && next.getTime() <= target;
        next = claimExpiry.nextExpiry()
      ) {
        await clock.advanceTo(next);
        await leadline.workers.settled();
      }
      await clock.advanceTo(new Date(target));
      world.now = clock.now().getTime();
    },
  };
  const days = DEMO_WEEKS * 5;
  const arrivals = scheduleArrivals(readDemoCsv(options.csvFile), days, random);
  const tallies: RepTallies = { claimRaces: 0 };
  for (let day = 0; day < days; day += 1) {
    world.day = day;
    const weekday = day % 5;
    await enterArrivals(context, arrivalsOn(arrivals, day), organisation.defaultWorkflowId);
    if (weekday === 0) await assignStaleLeads(context);
    await context.tick(Math.max(0, dayStart(world.now) + 9 * HOUR - world.now));
    for (const rep of [...REPS].sort(() => random.next() - 0.5)) await workDay(context, rep, tallies);
    if (weekday === 4) await reopenLostLeads(context, REOPEN_REASONS);
    // Through the night (and the weekend after a Friday) to 08:00 of the next working day.
    await context.tick(dayStart(world.now) + (weekday === 4 ? 3 : 1) * DAY + 8 * HOUR - world.now);
    options.onDay?.(day + 1, days);
  }
  await leadline.workers.settled();
  await leadline.workers.stop();
  return {
    defaultWorkflowId: organisation.defaultWorkflowId,
    days,
    from,
    to: clock.now().toISOString(),
    leads: world.leads.length,
    claimRaces: tallies.claimRaces,
  };
}

const arrivalsOn = (arrivals: readonly Arrival[], day: number): Arrival[] =>
  arrivals.filter((arrival) => arrival.day === day);

async function stagesOf(
  leadline: Leadline,
  workflowIds: readonly WorkflowId[],
): Promise<Map<WorkflowId, WorkflowStages>> {
  const stages = new Map<WorkflowId, WorkflowStages>();
  for (const workflowId of workflowIds) {
    const workflow = await leadline.workflows.get(workflowId, ADMIN);
    if (workflow === null) throw new Error(`Workflow ${workflowId} was created but cannot be read back.`);
    const of = (category: StageCategory) =>
      workflow.stages.filter((stage) => stage.category === category).map((stage) => stage.stageId);
    const [won] = of(StageCategory.Won);
    const [lost] = of(StageCategory.Lost);
    if (won === undefined || lost === undefined) throw new Error(`Workflow ${workflowId} lacks a won or a lost stage.`);
    stages.set(workflowId, { open: of(StageCategory.Open), won, lost });
  }
  return stages;
}
