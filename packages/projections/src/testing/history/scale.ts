// An organisation at scale for the query bench: a few events per lead (created, moved, called, noted,
// claimed, converted or lost) decided by the domain's own deciders, as a command handler would record
// them, and appended a whole lead stream per append. Unlike the generated histories it keeps the default
// workflow at its five stages, so the board's cost is about leads, not stage count.
import type { Actor, CommandContext, LeadCommand, LeadEvent, LeadState, OrgId, UserId } from '@leadline/domain';
import {
  ClaimId,
  ClientId,
  DEFAULT_SOURCES,
  decideLead,
  defaultWorkflowStages,
  EVENT_SCHEMA_VERSIONS,
  evolveLead,
  initialLeadState,
  LeadId,
  leadStream,
  NoteId,
  StageCategory,
  StageId,
  UserId as userId,
} from '@leadline/domain';
import type { EventStore, EventToAppend } from '@leadline/eventstore';
import { ExpectedRevision } from '@leadline/eventstore';
import { mulberry32 } from '../../random/mulberry32.js';
import { managerActor, REPS, repActor, systemActor, World, WORLD_ORGS, workflowIdOf } from './world.js';

/** The instant the hot queries judge claims and next calls at (hotQueryContext's `now`). */
export const SCALE_NOW = new Date('2026-02-01T00:00:00.000Z');
/** Fifty owners; the world's reps first, so the hot queries' rep owns leads here too. */
export const SCALE_OWNERS: readonly UserId[] = [
  ...REPS,
  ...Array.from({ length: 50 - REPS.length }, (_, index) =>
    userId(`rep-${String(index + REPS.length + 1).padStart(2, '0')}`),
  ),
];
export const SCALE_SOURCES: readonly string[] = [...DEFAULT_SOURCES, 'Partner', 'Webinar', 'Trade show'];

const LEAD_STREAM_PREFIX = leadStream(LeadId('x')).slice(0, -1);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FIRST_NAMES = [
  ...['Zoë', 'José', 'Ada', 'Grace', 'Chloé', 'Łukasz', 'Mary', 'Søren', 'Ana', 'Kwame', 'Mei', 'Ravi'],
  ...['Noah', 'Emma', 'Liam', 'Olivia', 'Yusuf', 'Ingrid', 'Tomás', 'Priya', 'Hiro', 'Fatima', 'Bram', 'Elif'],
];
const LAST_NAMES = [
  ...['Ålander', 'Núñez', 'Lovelace', 'Hopper', 'Dubois', 'Wróbel', 'Jackson', 'Okafor', 'Tanaka', 'Smith'],
  ...['Müller', 'Rossi', 'García', 'Nowak', 'Kim', 'Singh', 'Jansen', 'Silva', 'Novak', 'Murphy'],
];
/** Middle initials: with the lists above, ~12,000 distinct names, as a real organisation has many. */
const INITIALS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const COMPANIES = [null, 'Acme Ltd', 'Globex', 'Initech', 'Umbrella', 'Société Générale', 'Hooli', 'Stark'];
const CUSTOM_STAGES = [
  { stageId: StageId('new'), name: 'New', category: StageCategory.Open },
  { stageId: StageId('discovery'), name: 'Discovery', category: StageCategory.Open },
  { stageId: StageId('proposal'), name: 'Proposal', category: StageCategory.Open },
  { stageId: StageId('won'), name: 'Won', category: StageCategory.Won },
  { stageId: StageId('lost'), name: 'Lost', category: StageCategory.Lost },
];
const OPEN_STAGES = {
  default: defaultWorkflowStages()
    .filter((stage) => stage.category === StageCategory.Open)
    .map((stage) => stage.stageId),
  custom: CUSTOM_STAGES.filter((stage) => stage.category === StageCategory.Open).map((stage) => stage.stageId),
};

export interface ScaleOptions {
  /** Leads of the queried organisation (WORLD_ORGS[0]). */
  readonly leads: number;
  /** Leads of the second organisation, there to prove isolation; default 1% (at least 100). */
  readonly otherLeads?: number;
  readonly seed?: number;
}

/** One stream's events, appended in one call. */
export interface SeededStream {
  readonly streamName: string;
  readonly events: readonly EventToAppend[];
}

export interface ScaleSummary {
  readonly leads: number;
  readonly streams: number;
  readonly events: number;
}

/** Records decided events as a command handler would: the command's metadata on each, a uuid per event. */
class Recorder {
  private count = 0;
  event(orgId: OrgId, actor: Actor, at: Date, decided: readonly LeadEvent[]): EventToAppend[] {
    const correlationId = `seed-cmd-${(this.count += 1)}`;
    return decided.map((event, index) => ({
      eventId: `00000000-0000-4000-9000-${(this.count * 16 + index).toString(16).padStart(12, '0')}`,
      type: event.type,
      data: event.data,
      metadata: {
        orgId,
        actorId: actor.userId,
        occurredAt: at.toISOString(),
        correlationId,
        causationId: correlationId,
        schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
      },
    }));
  }
}

/** One lead's commands run through decideLead; a refusal is a bug in the seeder, so it is thrown. */
class LeadScript {
  state: LeadState = initialLeadState;
  readonly events: EventToAppend[] = [];
  at: Date;

  constructor(
    private readonly recorder: Recorder,
    private readonly contextOf: (actor: Actor, now: Date) => CommandContext,
    readonly orgId: OrgId,
    created: Date,
  ) {
    this.at = created;
  }

  /** Moves the clock a random part of the way towards `SCALE_NOW` (never reaching it). */
  advance(fraction: number): void {
    const room = SCALE_NOW.getTime() - 60_000 - this.at.getTime();
    this.at = new Date(this.at.getTime() + Math.max(0, Math.floor(Math.min(3 * DAY, room / 4) * fraction)));
  }

  run(command: LeadCommand, actor: Actor): void {
    const decided = decideLead(command, this.state, this.contextOf(actor, this.at));
    this.state = decided.reduce(evolveLead, this.state);
    this.events.push(...this.recorder.event(this.orgId, actor, this.at, decided));
  }
}

interface OrgPlan {
  readonly orgId: OrgId;
  readonly leads: number;
}

/** The organisations and their two workflows each (default five stages, a custom one), via the World. */
function setUp(world: World): void {
  for (const orgId of WORLD_ORGS) {
    world.organisation({
      type: 'CreateOrganisation',
      orgId,
      name: `Organisation ${orgId}`,
      settings: { defaultCountryCallingCode: '44', sources: [...SCALE_SOURCES] },
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

/**
 * The streams of the organisations, set-up streams first, then one per lead. Per lead: created (85%
 * owned by one of 50 owners, 15% in the pool), moved to an open stage, 0–2 notes, a next call (75%, past or
 * future of SCALE_NOW), then 10% converted (clients of up to four leads), 8% lost, 1% deleted; pool leads
 * are claimed live (30%), claimed long ago and lapsed (30%, half with ClaimExpired recorded) or not at all.
 */
export function* scaleStreams(options: ScaleOptions): Generator<SeededStream> {
  const random = mulberry32(options.seed ?? 2026);
  const below = (n: number): number => Math.floor(random() * n);
  const world = new World(new Date(SCALE_NOW.getTime() - 200 * DAY));
  world.strict = true;
  setUp(world);
  // The set-up in the order it was decided, an event per append (a default workflow is set after it exists).
  for (const { streamName, eventId, type, data, metadata } of world.events)
    yield { streamName, events: [{ eventId, type, data, metadata }] };

  const recorder = new Recorder();
  const plans: OrgPlan[] = [
    { orgId: WORLD_ORGS[0], leads: options.leads },
    { orgId: WORLD_ORGS[1], leads: options.otherLeads ?? Math.max(100, Math.round(options.leads / 100)) },
  ];
  let number = 0;
  let converted = 0;
  for (const plan of plans) {
    const base = new Map<Actor, CommandContext>();
    const contextOf = (actor: Actor, now: Date): CommandContext => {
      let context = base.get(actor);
      if (context === undefined) base.set(actor, (context = world.context(plan.orgId, actor)));
      return { ...context, now };
    };
    const reps = new Map(SCALE_OWNERS.map((owner) => [owner, repActor(owner)]));
    const rep = (owner: UserId): Actor => reps.get(owner) ?? managerActor;
    for (let index = 0; index < plan.leads; index += 1) {
      number += 1;
      const leadId = LeadId(`lead-${number}`);
      const created = new Date(SCALE_NOW.getTime() - 2 * HOUR - below(180 * DAY));
      const lead = new LeadScript(recorder, contextOf, plan.orgId, created);
      const owner = below(100) < 85 ? (SCALE_OWNERS[below(SCALE_OWNERS.length)] ?? null) : null;
      const custom = below(5) === 0;
      const first = FIRST_NAMES[below(FIRST_NAMES.length)] ?? 'Ada';
      const name = `${first} ${INITIALS[below(INITIALS.length)] ?? 'A'}. ${LAST_NAMES[below(LAST_NAMES.length)] ?? 'Smith'}`;
      lead.run(
        {
          type: 'CreateLead',
          leadId,
          workflowId: workflowIdOf(plan.orgId, custom ? 1 : 0),
          ownerId: owner,
          fields: {
            name,
            email: `${first.toLowerCase()}.${number}@example.com`,
            phone: below(2) === 0 ? `+44 20 ${String(number % 1e8).padStart(8, '0')}` : null,
            company: COMPANIES[below(COMPANIES.length)] ?? null,
            source: SCALE_SOURCES[below(SCALE_SOURCES.length)] ?? 'Other',
            estimatedValue:
              below(5) === 0
                ? null
                : { amountMinor: (1 + below(200)) * 5_000, currency: below(10) === 0 ? 'USD' : 'EUR' },
          },
        },
        managerActor,
      );
      const worker = owner === null ? managerActor : rep(owner);
      const open = custom ? OPEN_STAGES.custom : OPEN_STAGES.default;
      const stage = open[below(open.length)];
      if (stage !== undefined && stage !== open[0]) {
        lead.advance(random());
        lead.run({ type: 'ChangeStage', leadId, stageId: stage }, worker);
      }
      for (let note = below(3); note > 0; note -= 1) {
        lead.advance(random());
        lead.run(
          {
            type: 'LogNote',
            leadId,
            noteId: NoteId(`note-${number}-${note}`),
            text: `Called ${name}`,
            outcome: 'CONNECTED',
          },
          worker,
        );
      }
      if (below(4) !== 0) {
        lead.advance(random());
        const wanted = SCALE_NOW.getTime() + (random() - 0.5) * 28 * DAY;
        const at = wanted > lead.at.getTime() ? wanted : lead.at.getTime() + HOUR + below(3 * DAY);
        lead.run({ type: 'ScheduleNextCall', leadId, at: new Date(at).toISOString() }, worker);
      }
      const outcome = below(100);
      if (outcome < 10) {
        lead.advance(random());
        const clientNumber = Math.floor(converted / 4);
        lead.run(
          {
            type: 'ConvertToClient',
            leadId,
            clientId: ClientId(`client-${plan.orgId}-${clientNumber}`),
            mode: converted % 4 === 0 ? 'new' : 'merged',
          },
          worker,
        );
        converted += 1;
      } else if (outcome < 18) {
        lead.advance(random());
        lead.run({ type: 'MarkLeadLost', leadId, reason: 'No budget' }, worker);
      } else if (outcome < 19) {
        lead.advance(random());
        lead.run({ type: 'DeleteLead', leadId, reason: 'Spam' }, managerActor);
      } else if (owner === null)
        claim(lead, leadId, rep(SCALE_OWNERS[below(SCALE_OWNERS.length)] ?? REPS[0] ?? userId('alice')), below(10));
      yield { streamName: leadStream(leadId), events: lead.events };
    }
  }
}

/**
 * A pool lead's claim, by roll of 0–9: live at SCALE_NOW (0–2, taken 5 to 20 hours before it); taken
 * earlier in the lead's life (3–5), so lapsed unless the lead is a day old, with the expiry recorded
 * (3–4) or not yet (5); none (6–9).
 */
function claim(lead: LeadScript, leadId: LeadId, by: Actor, roll: number): void {
  const claimId = ClaimId(`claim-${leadId}`);
  if (roll <= 2) {
    const at = SCALE_NOW.getTime() - 60_000 - Math.floor(((roll + 1) / 4) * 20 * HOUR);
    if (at <= lead.at.getTime()) return;
    lead.at = new Date(at);
    lead.run({ type: 'ClaimLead', leadId, claimId }, by);
  } else if (roll <= 5) {
    lead.advance(0.5);
    lead.run({ type: 'ClaimLead', leadId, claimId }, by);
    const lapsed = lead.at.getTime() + DAY + HOUR;
    if (roll === 5 || lapsed >= SCALE_NOW.getTime()) return;
    lead.at = new Date(lapsed);
    lead.run({ type: 'ExpireClaim', leadId, claimId }, systemActor);
  }
}

/**
 * Appends the organisations' streams to the store, a whole stream per append (the new lead streams
 * with ExpectedRevision.NoStream, as a command handler appends a creation), `concurrency` appends at a time.
 */
export async function appendScaleHistory(
  store: EventStore,
  options: ScaleOptions,
  concurrency = 64,
): Promise<ScaleSummary> {
  let streams = 0;
  let leads = 0;
  let events = 0;
  let inFlight: Promise<unknown>[] = [];
  for (const stream of scaleStreams(options)) {
    streams += 1;
    events += stream.events.length;
    if (!stream.streamName.startsWith(LEAD_STREAM_PREFIX)) {
      // The set-up, in order: an organisation's stream takes its default workflow after the workflows.
      await store.append(stream.streamName, stream.events);
      continue;
    }
    leads += 1;
    inFlight.push(store.append(stream.streamName, stream.events, { expectedRevision: ExpectedRevision.NoStream }));
    if (inFlight.length >= concurrency) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
  return { leads, streams, events };
}
