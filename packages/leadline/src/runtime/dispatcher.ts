// Sends a domain command to its stream: lead, workflow or organisation. The one place that knows which
// decider owns which stream and which workflows a decision may need.
import {
  clientStream,
  EVENT_SCHEMA_VERSIONS,
  leadStream,
  listViewsStream,
  organisationStream,
  workflowStream,
  type Actor,
  type ClientCommand,
  type ClientEvent,
  type ClientId,
  type ClientState,
  type CommandContext,
  type LeadCommand,
  type LeadEvent,
  type LeadId,
  type ListViewCommand,
  type ListViewEvent,
  type ListViewsState,
  type OrgId,
  type OrganisationCommand,
  type OrganisationEvent,
  type OrganisationState,
  type WorkflowCommand,
  type WorkflowEvent,
  type WorkflowId,
} from '@leadline/domain';
import {
  handleCommand,
  type CommandOutcome,
  type CommandRuntime,
  type EarlierDecision,
} from '../commands/command-handler.js';
import { commandEnvelope, type CommandEnvelope, type CommandOptions } from '../commands/metadata.js';
import { createStreamStateLoader } from '../commands/stream-state.js';
import { createContextLoader, type ContextLoader, type PendingContext } from '../context/context-loader.js';
import { domainDeciders, type LeadState } from './domain-deciders.js';

/** Who acts (the actor names its organisation) and what else the command carries (idempotency key, causation). */
export interface Acting extends CommandOptions {
  readonly actor: Actor;
}

export interface Dispatcher {
  readonly context: ContextLoader;
  envelope(acting: Acting): CommandEnvelope;
  /** `decided`: the domain's decision already taken for this command (see EarlierDecision). */
  lead(
    command: LeadCommand,
    acting: Acting,
    envelope?: CommandEnvelope,
    decided?: EarlierDecision<LeadEvent>,
  ): Promise<CommandOutcome<LeadEvent>>;
  workflow(
    command: WorkflowCommand,
    acting: Acting,
    envelope?: CommandEnvelope,
  ): Promise<CommandOutcome<WorkflowEvent>>;
  organisation(
    command: OrganisationCommand,
    acting: Acting,
    envelope?: CommandEnvelope,
  ): Promise<CommandOutcome<OrganisationEvent>>;
  client(command: ClientCommand, acting: Acting, envelope?: CommandEnvelope): Promise<CommandOutcome<ClientEvent>>;
  /** A lead's current state, for checks outside a command (who may see it). */
  leadState(leadId: LeadId): Promise<LeadState>;
  /** The organisation's saved list views (one stream per organisation). */
  listViews(command: ListViewCommand, acting: Acting): Promise<CommandOutcome<ListViewEvent>>;
  /** The organisation's saved list views as they stand. */
  listViewsState(orgId: OrgId): Promise<ListViewsState>;
  /** A lead stream's revision now (null: no such stream), for an expected-revision check outside a command. */
  leadRevision(leadId: LeadId): Promise<bigint | null>;
  /** A client's current state, for the checks of a link to it (clients are never removed). */
  clientState(clientId: ClientId): Promise<ClientState>;
  /** The organisation's whole state (its retention policy included), for reads outside a command. */
  organisationState(orgId: OrgId): Promise<OrganisationState>;
}

export const schemaVersionOf = (eventType: string): number =>
  (EVENT_SCHEMA_VERSIONS as Readonly<Record<string, number | undefined>>)[eventType] ?? 1;

export function createDispatcher(runtime: CommandRuntime, cacheSize?: number): Dispatcher {
  const { lead, workflow, organisation, client, listViews } = domainDeciders;
  const leads = createStreamStateLoader(runtime.store, lead.decider, cacheSize);
  const workflows = createStreamStateLoader(runtime.store, workflow.decider, cacheSize);
  const organisations = createStreamStateLoader(runtime.store, organisation.decider, cacheSize);
  const clients = createStreamStateLoader(runtime.store, client.decider, cacheSize);
  const views = createStreamStateLoader(runtime.store, listViews.decider, cacheSize);
  const context = createContextLoader(
    { loader: organisations, toView: organisation.toView },
    { loader: workflows, toView: workflow.toView },
  );
  const envelope = (acting: Acting): CommandEnvelope =>
    commandEnvelope(acting.actor.orgId, acting.actor.userId, acting, runtime.ids);
  /** A command whose decision needs the organisation and no workflow: its envelope and context. */
  const plain = <Command>(command: Command, acting: Acting, given: CommandEnvelope | undefined) => ({
    command,
    envelope: given ?? envelope(acting),
    context: (now: Date) => context.build(acting.actor.orgId, acting.actor, now, []),
  });

  return {
    context,
    envelope,
    leadState: async (leadId) => (await leads.load(leadStream(leadId))).state,
    leadRevision: async (leadId) => (await leads.load(leadStream(leadId))).revision,
    clientState: async (clientId) => (await clients.load(clientStream(clientId))).state,
    organisationState: async (orgId) => (await organisations.load(organisationStream(orgId))).state,
    listViewsState: async (orgId) => (await views.load(listViewsStream(orgId))).state,
    listViews: (command, acting) =>
      handleCommand(runtime, {
        decider: listViews.decider,
        loader: views,
        streamName: listViewsStream(command.orgId),
        ...plain(command, acting, undefined),
      }),
    lead(command, acting, given, decided) {
      const streamName = leadStream(command.leadId);
      // The context's loads start with the lead's, for the workflow the cached lead names: on a database
      // the revision checks of lead, organisation and workflow overlap instead of taking turns. Compiled
      // JS, paired runs: commands.postgres 11% faster (median of five), 1.7% more CPU on commands.memory.
      const early =
        decided === undefined
          ? context.start(
              acting.actor.orgId,
              acting.actor,
              workflowsOf(command, leads.cached(streamName)?.state ?? lead.decider.initialState),
            )
          : undefined;
      return handleCommand(runtime, {
        decider: lead.decider,
        loader: leads,
        streamName,
        command,
        envelope: given ?? envelope(acting),
        context: leadContext(context, command, acting, early),
        ...(decided === undefined ? {} : { decided }),
      });
    },
    workflow: (command, acting, given) =>
      handleCommand(runtime, {
        decider: workflow.decider,
        loader: workflows,
        streamName: workflowStream(command.workflowId),
        ...plain(command, acting, given),
      }),
    client: (command, acting, given) =>
      handleCommand(runtime, {
        decider: client.decider,
        loader: clients,
        streamName: clientStream(command.clientId),
        ...plain(command, acting, given),
      }),
    organisation: (command, acting, given) =>
      handleCommand(runtime, {
        decider: organisation.decider,
        loader: organisations,
        streamName: organisationStream(command.orgId),
        command,
        envelope: given ?? envelope(acting),
        context: (now) =>
          context.build(
            acting.actor.orgId,
            acting.actor,
            now,
            command.type === 'SetDefaultWorkflow' ? [command.workflowId] : [],
          ),
      }),
  };
}

/** The context of a lead decision: the loads started early for the first attempt, fresh ones for a retry. */
function leadContext(
  context: ContextLoader,
  command: LeadCommand,
  acting: Acting,
  early: PendingContext | undefined,
): (now: Date, state: LeadState) => Promise<CommandContext> {
  let started = early;
  return (now, state) => {
    const pending = started ?? context.start(acting.actor.orgId, acting.actor, []);
    started = undefined;
    return pending.complete(now, workflowsOf(command, state));
  };
}

/** The workflows a lead decision can look at: the lead's own and the one a create names. */
function workflowsOf(command: LeadCommand, state: LeadState): (WorkflowId | undefined)[] {
  return [state.exists ? state.workflowId : undefined, command.type === 'CreateLead' ? command.workflowId : undefined];
}
