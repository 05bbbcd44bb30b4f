// Organisations: creating one also creates its default workflow and makes it the default, each step a
// command of its own; with an idempotency key a retry after a crash finishes the steps still missing.
import {
  DEFAULT_WORKFLOW_NAME,
  requireOwnOrganisation,
  WorkflowId,
  type Actor,
  type OrgId,
  defaultWorkflowStages,
  type ChangeCustomField,
  type ChangeOrganisationSettings,
  type DefineCustomField,
  type RetireCustomField,
  type SetFieldLayout,
  type CreateOrganisation,
  type OrganisationEvent,
  type OrganisationView,
  type SetDefaultWorkflow,
  type WorkflowEvent,
} from '@leadline/domain';
import type { CommandOutcome } from '../commands/command-handler.js';
import { derivedId } from '../commands/idempotency.js';
import type { CommittedEvent } from '../commands/stream-state.js';
import { childEnvelope } from '../commands/metadata.js';
import type { CommandInput } from '../leads/lead-commands.js';
import type { IdGenerator } from '../runtime/clock.js';
import type { Acting, Dispatcher } from '../runtime/dispatcher.js';

export interface OrganisationCreatedResult {
  readonly orgId: OrgId;
  readonly defaultWorkflowId: WorkflowId;
  readonly events: readonly CommittedEvent<OrganisationEvent | WorkflowEvent>[];
  /** True when every step had been done already by an earlier run with the same idempotency key. */
  readonly replayed: boolean;
}

export interface OrganisationCommands {
  /** The actor's organisation (`orgId`, when given, must be it), its settings (claim window 24 h unless given) and its default workflow. */
  create(
    input: CommandInput<CreateOrganisation, 'orgId'> & { readonly defaultWorkflowName?: string },
    acting: Acting,
  ): Promise<OrganisationCreatedResult>;
  changeSettings(
    input: CommandInput<ChangeOrganisationSettings, 'orgId'>,
    acting: Acting,
  ): Promise<CommandOutcome<OrganisationEvent>>;
  setDefaultWorkflow(
    input: CommandInput<SetDefaultWorkflow, 'orgId'>,
    acting: Acting,
  ): Promise<CommandOutcome<OrganisationEvent>>;
  /** A custom lead field (docs/domain.md, "Lead fields"); a key is never reused. */
  defineField(
    input: CommandInput<DefineCustomField, 'orgId'>,
    acting: Acting,
  ): Promise<CommandOutcome<OrganisationEvent>>;
  /** Label, required and options; never key or type. */
  changeField(
    input: CommandInput<ChangeCustomField, 'orgId'>,
    acting: Acting,
  ): Promise<CommandOutcome<OrganisationEvent>>;
  retireField(
    input: CommandInput<RetireCustomField, 'orgId'>,
    acting: Acting,
  ): Promise<CommandOutcome<OrganisationEvent>>;
  /** The lead page: sections of fields in order, optional fields hidden. */
  setFieldLayout(
    input: CommandInput<SetFieldLayout, 'orgId'>,
    acting: Acting,
  ): Promise<CommandOutcome<OrganisationEvent>>;
  /** The actor's own organisation (no other can be read), or null before it is created. */
  get(actor: Actor): Promise<OrganisationView | null>;
}

export function createOrganisationCommands(dispatcher: Dispatcher, ids: IdGenerator): OrganisationCommands {
  return {
    async create(input, acting) {
      const key = acting.idempotencyKey;
      // The organisation is the actor's own: nobody creates (or takes over) another organisation's stream.
      const orgId = acting.actor.orgId;
      if (input.orgId !== undefined) requireOwnOrganisation(acting.actor, input.orgId, 'orgId');
      const workflowId = WorkflowId(key === undefined ? ids.newId() : derivedId(orgId, key, 'default-workflow'));
      const inOrg: Acting = acting;
      const envelope = dispatcher.envelope(inOrg);
      const { defaultWorkflowName, orgId: _given, ...organisation } = input;
      const created = await dispatcher.organisation(
        { ...organisation, type: 'CreateOrganisation', orgId },
        inOrg,
        childEnvelope(envelope, 'organisation'),
      );
      const workflow = await dispatcher.workflow(
        {
          type: 'CreateWorkflow',
          workflowId,
          name: defaultWorkflowName ?? DEFAULT_WORKFLOW_NAME,
          stages: defaultWorkflowStages(),
        },
        inOrg,
        childEnvelope(envelope, 'default-workflow'),
      );
      const chosen = await dispatcher.organisation(
        { type: 'SetDefaultWorkflow', orgId, workflowId },
        inOrg,
        childEnvelope(envelope, 'default-workflow-set'),
      );
      return {
        orgId,
        defaultWorkflowId: workflowId,
        events: [...created.events, ...workflow.events, ...chosen.events],
        replayed: created.replayed && workflow.replayed && chosen.replayed,
      };
    },
    changeSettings: (input, acting) =>
      dispatcher.organisation({ ...input, type: 'ChangeOrganisationSettings', orgId: acting.actor.orgId }, acting),
    setDefaultWorkflow: (input, acting) =>
      dispatcher.organisation({ ...input, type: 'SetDefaultWorkflow', orgId: acting.actor.orgId }, acting),
    defineField: (input, acting) =>
      dispatcher.organisation({ ...input, type: 'DefineCustomField', orgId: acting.actor.orgId }, acting),
    changeField: (input, acting) =>
      dispatcher.organisation({ ...input, type: 'ChangeCustomField', orgId: acting.actor.orgId }, acting),
    retireField: (input, acting) =>
      dispatcher.organisation({ ...input, type: 'RetireCustomField', orgId: acting.actor.orgId }, acting),
    setFieldLayout: (input, acting) =>
      dispatcher.organisation({ ...input, type: 'SetFieldLayout', orgId: acting.actor.orgId }, acting),
    get: (actor) => dispatcher.context.organisation(actor.orgId),
  };
}
