// The organisation decider: creation with settings, settings changes, and the default workflow.
import { match } from 'ts-pattern';
import type { CommandContext } from '../shared/context.js';
import { fold, type Decider } from '../shared/decider.js';
import { DomainErrorCode } from '../shared/errors.js';
import { refuse, requirePermission, requireSameOrganisation } from '../shared/guards.js';
import { Permission } from '../shared/permissions.js';
import { throwIfAny, type Issues } from '../validation/issues.js';
import { requiredText, TEXT_LIMITS } from '../validation/text.js';
import type { OrganisationCommand } from './commands.js';
import { defaultOrganisationSettings } from './defaults.js';
import type { OrganisationEvent, OrganisationSettings } from './events.js';
import { evolveOrganisation } from './evolve.js';
import { decideChangeField, decideDefineField, decideRetireField, decideSetFieldLayout } from './fields.js';
import { checkSettings } from './settings.js';
import { decideRetentionPolicy } from './retention.js';
import { initialOrganisationState, type OrganisationState } from './state.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export const decideOrganisation = (
  command: OrganisationCommand,
  state: OrganisationState,
  context: CommandContext,
): OrganisationEvent[] => {
  requireSameOrganisation(command.orgId, context, 'orgId');
  return match(command)
    .returnType<OrganisationEvent[]>()
    .with({ type: 'CreateOrganisation' }, (c) => {
      requirePermission(context, Permission.AdminOrganisation, 'create an organisation');
      if (state.exists)
        refuse(
          DomainErrorCode.AlreadyExists,
          'orgId',
          'new-organisation-id',
          `Organisation ${c.orgId} already exists.`,
        );
      const issues: Issues = [];
      const name = requiredText(issues, 'name', c.name, TEXT_LIMITS.organisationName);
      const settings = {
        ...defaultOrganisationSettings,
        ...checkSettings(issues, { ...defaultOrganisationSettings, ...c.settings }),
      };
      throwIfAny(issues);
      return [{ type: 'OrganisationCreated', data: { orgId: c.orgId, name, settings } }];
    })
    .with({ type: 'ChangeOrganisationSettings' }, (c) => {
      const current = requireExisting(state, c.orgId);
      requirePermission(context, Permission.AdminOrganisation, 'change organisation settings');
      const issues: Issues = [];
      const tidy = checkSettings(issues, c.changes);
      throwIfAny(issues);
      const changes: Partial<OrganisationSettings> = Object.fromEntries(
        Object.entries(tidy).filter(
          ([key, value]) => !same(value, current.settings[key as keyof OrganisationSettings]),
        ),
      );
      return Object.keys(changes).length === 0
        ? []
        : [{ type: 'OrganisationSettingsChanged', data: { orgId: c.orgId, changes } }];
    })
    .with({ type: 'SetDefaultWorkflow' }, (c) => {
      const current = requireExisting(state, c.orgId);
      requirePermission(context, Permission.AdminWorkflows, 'choose the default workflow');
      const workflow = context.workflows.get(c.workflowId);
      if (workflow === undefined || workflow.orgId !== c.orgId) {
        refuse(
          DomainErrorCode.UnknownWorkflow,
          'workflowId',
          'workflow-of-organisation',
          `Workflow ${c.workflowId} is not a workflow of this organisation.`,
        );
      }
      if (current.defaultWorkflowId === c.workflowId) return [];
      return [
        {
          type: 'DefaultWorkflowSet',
          data: { orgId: c.orgId, workflowId: c.workflowId, previousWorkflowId: current.defaultWorkflowId },
        },
      ];
    })
    .with({ type: 'DefineCustomField' }, (c) => decideDefineField(c, requireFieldAdmin(state, c.orgId, context)))
    .with({ type: 'ChangeCustomField' }, (c) => decideChangeField(c, requireFieldAdmin(state, c.orgId, context)))
    .with({ type: 'RetireCustomField' }, (c) => decideRetireField(c, requireFieldAdmin(state, c.orgId, context)))
    .with({ type: 'SetFieldLayout' }, (c) => decideSetFieldLayout(c, requireFieldAdmin(state, c.orgId, context)))
    .with({ type: 'SetRetentionPolicy' }, (c) => {
      const current = requireExisting(state, c.orgId);
      requirePermission(context, Permission.AdminOrganisation, 'set the retention policy');
      return decideRetentionPolicy(c, current.retention);
    })
    .exhaustive();
};

const requireFieldAdmin = (state: OrganisationState, orgId: string, context: CommandContext) => {
  const current = requireExisting(state, orgId);
  requirePermission(context, Permission.AdminOrganisation, "change the organisation's lead fields");
  return current;
};

const requireExisting = (state: OrganisationState, orgId: string) =>
  state.exists ? state : refuse(DomainErrorCode.NotFound, 'orgId', 'must-exist', `There is no organisation ${orgId}.`);

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  decide: decideOrganisation,
  evolve: evolveOrganisation,
  initialState: initialOrganisationState,
};

export const foldOrganisation = (events: readonly OrganisationEvent[]): OrganisationState =>
  fold(organisationDecider, events);
