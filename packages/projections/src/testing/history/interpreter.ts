// Turns history steps into realistic lead histories: organisations and workflows first, then leads
// created, worked, claimed, moved, converted, lost, merged and deleted, as the deciders allow.
import type { CallOutcome, ExistingLeadState, LeadCommand, Role, StageId } from '@leadline/domain';
import {
  ClaimId,
  ClientId,
  DEFAULT_SOURCES,
  defaultWorkflowStages,
  JourneyStepId,
  LeadId,
  MergeId,
  NoteId,
  StageCategory,
  StageId as stageId,
} from '@leadline/domain';
import type { RecordedEvent } from '@leadline/eventstore';
import type { HistoryStep } from './steps.js';
import type { WorldLead } from './world.js';
import { managerActor, repActor, REPS, systemActor, World, WORLD_ORGS, workflowIdOf } from './world.js';

const NAMES = [
  'Zoë Ålander',
  'José Núñez',
  'Ada Lovelace',
  'Grace Hopper',
  'Chloé Dubois',
  'Łukasz Wróbel',
  'Mary Jackson',
  'Søren Kierkegaard',
  'Ana María',
  'Zoe Adams',
];
const COMPANIES = [null, 'Acme Ltd', 'Globex', 'Initech', 'Umbrella', 'Société Générale'];
const OUTCOMES: readonly CallOutcome[] = [
  'NO_ANSWER',
  'LEFT_VOICEMAIL',
  'CONNECTED',
  'MEETING_BOOKED',
  'CALLBACK_REQUESTED',
  'NOT_INTERESTED',
];
const CUSTOM_STAGES = [
  { stageId: stageId('new'), name: 'New', category: StageCategory.Open },
  { stageId: stageId('discovery'), name: 'Discovery', category: StageCategory.Open },
  { stageId: stageId('proposal'), name: 'Proposal', category: StageCategory.Open },
  { stageId: stageId('won'), name: 'Won', category: StageCategory.Won },
  { stageId: stageId('lost'), name: 'Lost', category: StageCategory.Lost },
];

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;

/** Organisations with a default and a custom workflow each; the start of every history. */
export function setUpWorld(world: World): void {
  for (const orgId of WORLD_ORGS) {
    world.organisation({
      type: 'CreateOrganisation',
      orgId,
      name: `Organisation ${orgId}`,
      settings: { defaultCountryCallingCode: '44' },
    });
    world.workflow(orgId, {
      type: 'CreateWorkflow',
      workflowId: workflowIdOf(orgId, 0),
      name: 'Sales pipeline',
      stages: defaultWorkflowStages(),
    });
    world.workflow(orgId, {
      type: 'CreateWorkflow',
      workflowId: workflowIdOf(orgId, 1),
      name: 'Partnerships',
      stages: CUSTOM_STAGES,
    });
    world.organisation({ type: 'SetDefaultWorkflow', orgId, workflowId: workflowIdOf(orgId, 0) });
  }
}

function createLead(world: World, step: HistoryStep): void {
  const orgId = pick(WORLD_ORGS, step.a);
  const lead = world.newLead(LeadId(`lead-${world.leads.length + 1}`), orgId);
  const name = pick(NAMES, step.b);
  const created = world.lead(
    lead,
    {
      type: 'CreateLead',
      leadId: lead.leadId,
      workflowId: workflowIdOf(orgId, step.b % 4 === 0 ? 1 : 0),
      ownerId: step.a % 3 === 0 ? null : pick(REPS, step.b),
      // Unique contacts: duplicate detection is the runtime's business, not this history's.
      fields: {
        name,
        email: `${name.split(' ')[0]?.toLowerCase() ?? 'x'}.${world.leads.length + 1}@example.com`,
        phone: `+44 20 7946 ${String(world.leads.length + 1).padStart(4, '0')}`,
        company: pick(COMPANIES, step.a),
        source: pick(DEFAULT_SOURCES, step.a + step.b),
        estimatedValue:
          step.b % 5 === 0
            ? null
            : { amountMinor: (step.b % 50) * 10_000 + 5_000, currency: step.a % 7 === 0 ? 'USD' : 'EUR' },
      },
    },
    managerActor,
  );
  if (created) world.leads.push(lead);
}

function stageOf(world: World, lead: ExistingLeadState, n: number): StageId | null {
  const workflow = world.workflows.get(lead.workflowId);
  return workflow?.exists === true ? pick(workflow.stages, n).stageId : null;
}

/** The command a step asks of an existing lead, and who asks it. */
function leadCommand(
  world: World,
  lead: WorldLead,
  state: ExistingLeadState,
  step: HistoryStep,
): [LeadCommand, 'manager' | 'owner' | 'rep' | 'system'] | null {
  const leadId = lead.leadId;
  const n = world.events.length;
  const kind = step.action % 40;
  if (kind < 6) {
    const to = stageOf(world, state, step.b);
    return to === null ? null : [{ type: 'ChangeStage', leadId, stageId: to }, 'owner'];
  }
  if (kind < 10)
    return [
      { type: 'ScheduleNextCall', leadId, at: new Date(world.now.getTime() + (step.b % 96) * 3_600_000).toISOString() },
      'owner',
    ];
  if (kind < 14)
    return [
      {
        type: 'LogNote',
        leadId,
        noteId: NoteId(`note-${n}`),
        text: `Called about ${step.b}`,
        outcome: pick(OUTCOMES, step.b),
      },
      'owner',
    ];
  if (kind < 16)
    return [
      {
        type: 'UpdateLeadDetails',
        leadId,
        fields: { company: pick(COMPANIES, step.b), estimatedValue: { amountMinor: step.b * 1_000, currency: 'EUR' } },
      },
      'owner',
    ];
  if (kind < 17) return [{ type: 'UpdateLeadDetails', leadId, fields: { name: pick(NAMES, step.b) } }, 'owner'];
  if (kind < 20) return [{ type: 'ClaimLead', leadId, claimId: ClaimId(`claim-${n}`) }, 'rep'];
  if (kind < 22) return [{ type: 'ReleaseClaim', leadId }, 'rep'];
  if (kind < 24)
    return state.claim === null ? null : [{ type: 'ExpireClaim', leadId, claimId: state.claim.claimId }, 'system'];
  if (kind < 25) return [{ type: 'TakeOwnership', leadId }, 'rep'];
  if (kind < 26) return [{ type: 'AssignLead', leadId, ownerId: pick(REPS, step.b) }, 'manager'];
  if (kind < 27) return [{ type: 'UnassignLead', leadId }, 'manager'];
  if (kind < 29) return [{ type: 'MarkLeadLost', leadId, reason: 'No budget' }, 'owner'];
  if (kind < 30) return [{ type: 'ReopenLead', leadId, reason: 'Budget found' }, 'owner'];
  if (kind < 32)
    return [{ type: 'ConvertToClient', leadId, clientId: ClientId(`client-${leadId}`), mode: 'new' }, 'owner'];
  if (kind < 33) return [{ type: 'PromoteRole', leadId, to: 'Prospect' satisfies Role }, 'owner'];
  if (kind < 34) return [{ type: 'LinkToClient', leadId, clientId: ClientId(`client-${step.b % 5}`) }, 'owner'];
  if (kind < 36)
    return [
      { type: 'RecordJourneyStep', leadId, stepId: JourneyStepId(`step-${n}`), label: 'Demo given', description: null },
      'owner',
    ];
  if (kind < 37 && step.b % 4 === 0) return [{ type: 'DeleteLead', leadId, reason: 'Spam' }, 'manager'];
  return null;
}

function actorFor(
  role: 'manager' | 'owner' | 'rep' | 'system',
  state: ExistingLeadState,
  step: HistoryStep,
): ReturnType<typeof repActor> {
  if (role === 'system') return systemActor;
  if (role === 'manager') return managerActor;
  if (role === 'owner') return state.ownerId === null || step.b % 4 === 0 ? managerActor : repActor(state.ownerId);
  return state.claim !== null && step.b % 2 === 0 ? repActor(state.claim.by) : repActor(pick(REPS, step.b));
}

function merge(world: World, step: HistoryStep): void {
  const survivor = recentLead(world, step.a);
  const absorbed = recentLead(world, step.b);
  const s = survivor.state;
  const t = absorbed.state;
  if (!s.exists || !t.exists || survivor === absorbed || s.orgId !== t.orgId) return;
  const mergeId = MergeId(`merge-${world.events.length}`);
  if (
    world.lead(
      survivor,
      {
        type: 'MergeLeads',
        leadId: survivor.leadId,
        mergeId,
        absorbed: [{ leadId: absorbed.leadId, details: t.details }],
      },
      managerActor,
    )
  ) {
    world.lead(
      absorbed,
      { type: 'MarkLeadMerged', leadId: absorbed.leadId, mergeId, survivorId: survivor.leadId },
      managerActor,
    );
  }
}

function unmerge(world: World, step: HistoryStep): void {
  const survivor = recentLead(world, step.a);
  const state = survivor.state;
  const last = state.exists ? state.absorbed[state.absorbed.length - 1] : undefined;
  if (last === undefined) return;
  if (!world.lead(survivor, { type: 'UnmergeLeads', leadId: survivor.leadId, mergeId: last.mergeId }, managerActor))
    return;
  for (const leadId of last.absorbedLeadIds) {
    const absorbed = world.leads.find((lead) => lead.leadId === leadId);
    if (absorbed !== undefined)
      world.lead(absorbed, { type: 'MarkLeadUnmerged', leadId, mergeId: last.mergeId }, managerActor);
  }
}

function changeWorkflow(world: World, step: HistoryStep): void {
  const orgId = pick(WORLD_ORGS, step.a);
  const workflowId = workflowIdOf(orgId, step.a % 2);
  const state = world.workflows.get(workflowId);
  if (state?.exists !== true) return;
  const stage = pick(state.stages, step.b);
  if (step.b % 3 === 0)
    world.workflow(orgId, { type: 'RenameStage', workflowId, stageId: stage.stageId, name: `${stage.name}+` });
  else if (step.b % 3 === 1) {
    world.workflow(orgId, {
      type: 'AddStage',
      workflowId,
      position: 1,
      stage: {
        stageId: stageId(`extra-${world.events.length}`),
        name: `Follow-up ${world.events.length}`,
        category: StageCategory.Open,
      },
    });
  } else
    world.workflow(orgId, {
      type: 'ReorderStages',
      workflowId,
      order: [...state.stages].reverse().map((s) => s.stageId),
    });
}

/** Work goes mostly to recent leads, as in a real pipeline; old ones still get the odd touch. */
function recentLead(world: World, n: number): WorldLead {
  const window = n % 10 === 0 ? world.leads.length : Math.min(world.leads.length, 60);
  return world.leads[world.leads.length - 1 - (n % window)] as WorldLead;
}

/** Runs one step: most are commands on a lead; some create leads, merge, or change a workflow. */
export function runStep(world: World, step: HistoryStep, workflowChanges: 'rare' | 'often' = 'rare'): void {
  world.now = new Date(world.now.getTime() + step.minutes * 60_000);
  const roll = step.action % 100;
  if (world.leads.length < 3 || roll < 9) {
    createLead(world, step);
    return;
  }
  if (roll === 98) {
    merge(world, step);
    return;
  }
  if (roll === 97) {
    unmerge(world, step);
    return;
  }
  if (roll === 99 && step.a % 3 === 0) {
    changeWorkflow(world, step);
    return;
  }
  if (workflowChanges === 'often' && roll >= 94 && roll <= 96) {
    changeWorkflow(world, step);
    return;
  }
  const lead = recentLead(world, step.a);
  const state = lead.state;
  if (!state.exists) return;
  const chosen = leadCommand(world, lead, state, step);
  if (chosen === null) return;
  world.lead(lead, chosen[0], actorFor(chosen[1], state, step));
}

export const HISTORY_START = new Date('2026-01-05T08:00:00.000Z');

/**
 * A whole history: the set-up, then every step. Events are numbered from position 1. Property tests ask
 * for workflow changes `often`, so short histories still rename, add and reorder stages under leads.
 */
export function generateHistory(
  steps: Iterable<HistoryStep>,
  workflowChanges: 'rare' | 'often' = 'rare',
): RecordedEvent[] {
  const world = new World(HISTORY_START);
  setUpWorld(world);
  for (const step of steps) runStep(world, step, workflowChanges);
  return world.events;
}

/** A history of at least `count` events, from a seed (the bench). */
export function generateSeededHistory(count: number, next: () => HistoryStep): RecordedEvent[] {
  const world = new World(HISTORY_START);
  setUpWorld(world);
  while (world.events.length < count) runStep(world, next());
  return world.events.slice(0, Math.max(count, 0));
}
