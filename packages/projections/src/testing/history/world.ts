// The organisations, workflows and people of a generated history, and how their commands become
// recorded events: decided by the domain's own deciders, refused commands simply leave no trace.
import type {
  Actor,
  ClientCommand,
  ClientState,
  CommandContext,
  LeadCommand,
  LeadId,
  LeadState,
  LeadlineEvent,
  OrganisationCommand,
  OrganisationState,
  UserId,
  WorkflowCommand,
  WorkflowState,
} from '@leadline/domain';
import {
  ALL_PERMISSIONS,
  clientStream,
  decideClient,
  decideLead,
  decideOrganisation,
  decideWorkflow,
  evolveClient,
  evolveLead,
  evolveOrganisation,
  evolveWorkflow,
  EVENT_SCHEMA_VERSIONS,
  initialClientState,
  initialLeadState,
  initialOrganisationState,
  initialWorkflowState,
  isDomainError,
  leadStream,
  OrgId,
  organisationStream,
  Permission,
  toOrganisationView,
  toWorkflowView,
  UserId as userId,
  WorkflowId,
  workflowStream,
} from '@leadline/domain';
import type { RecordedEvent } from '@leadline/eventstore';

export const MANAGER = userId('morgan');
export const REPS: readonly UserId[] = [userId('alice'), userId('bob'), userId('chidi')];
export const SYSTEM = userId('system');

const REP_PERMISSIONS = [Permission.ViewLeads, Permission.EditLeads, Permission.CreateLeads, Permission.ManageLeads];
// The world's people act in whichever organisation a step picks: `context` puts the actor in it.
export const managerActor: Actor = { userId: MANAGER, orgId: OrgId(''), kind: 'user', permissions: ALL_PERMISSIONS };
export const systemActor: Actor = { userId: SYSTEM, orgId: OrgId(''), kind: 'system', permissions: ALL_PERMISSIONS };
export const repActor = (id: UserId): Actor => ({
  userId: id,
  orgId: OrgId(''),
  kind: 'user',
  permissions: REP_PERMISSIONS,
});

export interface WorldLead {
  readonly leadId: LeadId;
  readonly orgId: OrgId;
  state: LeadState;
}

/** Keeps every aggregate's state and turns decided events into recorded ones with positions. */
export class World {
  readonly events: RecordedEvent[] = [];
  readonly leads: WorldLead[] = [];
  readonly workflows = new Map<WorkflowId, WorkflowState>();
  readonly organisations = new Map<OrgId, OrganisationState>();
  readonly clients = new Map<string, ClientState>();
  private readonly revisions = new Map<string, bigint>();
  now: Date;
  /** Rethrow refusals instead of skipping them (scripted scenarios mean every step). */
  strict = false;

  constructor(start: Date) {
    this.now = start;
  }

  context(orgId: OrgId, actor: Actor): CommandContext {
    const workflows = new Map<WorkflowId, NonNullable<ReturnType<typeof toWorkflowView>>>();
    for (const [id, state] of this.workflows) {
      const view = toWorkflowView(state);
      if (view !== null && view.orgId === orgId) workflows.set(id, view);
    }
    return {
      now: this.now,
      actor: { ...actor, orgId },
      orgId,
      organisation: toOrganisationView(this.organisations.get(orgId) ?? initialOrganisationState),
      workflows,
    };
  }

  organisation(command: OrganisationCommand, actor: Actor = managerActor): boolean {
    const state = this.organisations.get(command.orgId) ?? initialOrganisationState;
    return this.attempt(
      () => decideOrganisation(command, state, this.context(command.orgId, actor)),
      (events) => {
        this.organisations.set(command.orgId, events.reduce(evolveOrganisation, state));
        this.record(organisationStream(command.orgId), events, command.orgId, actor);
      },
    );
  }

  workflow(orgId: OrgId, command: WorkflowCommand, actor: Actor = managerActor): boolean {
    const state = this.workflows.get(command.workflowId) ?? initialWorkflowState;
    return this.attempt(
      () => decideWorkflow(command, state, this.context(orgId, actor)),
      (events) => {
        this.workflows.set(command.workflowId, events.reduce(evolveWorkflow, state));
        this.record(workflowStream(command.workflowId), events, orgId, actor);
      },
    );
  }

  client(orgId: OrgId, command: ClientCommand, actor: Actor = managerActor): boolean {
    const state = this.clients.get(command.clientId) ?? initialClientState;
    return this.attempt(
      () => decideClient(command, state, this.context(orgId, actor)),
      (events) => {
        this.clients.set(command.clientId, events.reduce(evolveClient, state));
        this.record(clientStream(command.clientId), events, orgId, actor);
      },
    );
  }

  lead(lead: WorldLead, command: LeadCommand, actor: Actor): boolean {
    return this.attempt(
      () => decideLead(command, lead.state, this.context(lead.orgId, actor)),
      (events) => {
        lead.state = events.reduce(evolveLead, lead.state);
        this.record(leadStream(lead.leadId), events, lead.orgId, actor);
      },
    );
  }

  newLead(leadId: LeadId, orgId: OrgId): WorldLead {
    return { leadId, orgId, state: initialLeadState };
  }

  private attempt<E extends LeadlineEvent>(decide: () => E[], accept: (events: E[]) => void): boolean {
    let events: E[];
    try {
      events = decide();
    } catch (error) {
      if (isDomainError(error) && !this.strict) return false;
      throw error;
    }
    if (events.length > 0) accept(events);
    return events.length > 0;
  }

  private record(streamName: string, events: readonly LeadlineEvent[], orgId: OrgId, actor: Actor): void {
    const correlationId = `cmd-${this.events.length + 1}`;
    for (const event of events) {
      const revision = (this.revisions.get(streamName) ?? -1n) + 1n;
      this.revisions.set(streamName, revision);
      const position = BigInt(this.events.length + 1);
      this.events.push({
        eventId: `00000000-0000-4000-8000-${position.toString(16).padStart(12, '0')}`,
        type: event.type,
        data: event.data,
        metadata: {
          orgId,
          actorId: actor.userId,
          occurredAt: this.now.toISOString(),
          correlationId,
          causationId: correlationId,
          schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
        },
        streamName,
        revision,
        position,
      });
    }
  }
}

export const WORLD_ORGS = [OrgId('org-acme'), OrgId('org-globex')] as const;
export const workflowIdOf = (orgId: OrgId, index: number): WorkflowId => WorkflowId(`wf-${orgId}-${index}`);
