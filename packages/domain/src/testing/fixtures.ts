// Builders for contexts, actors, workflows and leads, for this package's tests and for anyone testing
// code that calls the deciders. Defaults are a realistic organisation; override what a test is about.
import type { CreateLead } from '../lead/commands.js';
import type { LeadCreated } from '../lead/events.js';
import type { OrganisationSettings } from '../organisation/events.js';
import { defaultOrganisationSettings } from '../organisation/defaults.js';
import type { CommandContext, OrganisationView, WorkflowView } from '../shared/context.js';
import { LeadId, OrgId, StageId, UserId, WorkflowId } from '../shared/ids.js';
import { ALL_PERMISSIONS, Permission, type Actor } from '../shared/permissions.js';
import { DEFAULT_WORKFLOW_NAME, defaultWorkflowStages } from '../workflow/defaults.js';

export const ORG = OrgId('org-acme');
export const OTHER_ORG = OrgId('org-globex');
export const WORKFLOW = WorkflowId('wf-sales');
export const LEAD = LeadId('lead-1');
export const ALICE = UserId('alice');
export const BOB = UserId('bob');
export const MANAGER = UserId('morgan');
export const STAGE = {
  notContacted: StageId('NOT_CONTACTED'),
  contacted: StageId('CONTACTED'),
  qualified: StageId('QUALIFIED'),
  converted: StageId('CONVERTED'),
  lost: StageId('LOST'),
} as const;
/** A fixed instant: tests never read the clock. */
export const NOW = new Date('2026-03-02T09:00:00.000Z');
export const HOUR_MS = 60 * 60 * 1000;

/** A sales rep: sees their own leads and the pool, works and claims them. */
export const REP_PERMISSIONS: readonly Permission[] = [
  Permission.ViewLeads,
  Permission.EditLeads,
  Permission.CreateLeads,
  Permission.ManageLeads,
];

export const anActor = (
  userId: UserId = ALICE,
  permissions: readonly Permission[] = REP_PERMISSIONS,
  orgId: OrgId = ORG,
): Actor => ({
  userId,
  orgId,
  kind: 'user',
  permissions,
});
export const aManager = (userId: UserId = MANAGER, orgId: OrgId = ORG): Actor =>
  anActor(userId, ALL_PERMISSIONS, orgId);
/** Leadline's own workers (claim expiry, assignment rules). */
export const aSystemActor = (userId: UserId = UserId('system'), orgId: OrgId = ORG): Actor => ({
  userId,
  orgId,
  kind: 'system',
  permissions: ALL_PERMISSIONS,
});

export const aWorkflowView = (overrides: Partial<WorkflowView> = {}): WorkflowView => ({
  workflowId: WORKFLOW,
  orgId: ORG,
  name: DEFAULT_WORKFLOW_NAME,
  stages: defaultWorkflowStages(),
  ...overrides,
});

/** Default settings, but national phone numbers read as UK (+44) so fixtures can type them as people do. */
export const anOrganisationView = (
  settings: Partial<OrganisationSettings> = {},
  overrides: Partial<Omit<OrganisationView, 'settings'>> = {},
): OrganisationView => ({
  orgId: ORG,
  settings: { ...defaultOrganisationSettings, defaultCountryCallingCode: '44', ...settings },
  defaultWorkflowId: WORKFLOW,
  fieldLayout: null,
  ...overrides,
});

export interface ContextOptions {
  readonly now?: Date | string;
  readonly actor?: Actor;
  readonly orgId?: OrgId;
  readonly settings?: Partial<OrganisationSettings>;
  /** null: the organisation does not exist yet. */
  readonly organisation?: OrganisationView | null;
  readonly workflows?: readonly WorkflowView[];
}

/** A context in ORG at NOW, acted in by Alice (a sales rep), with the default workflow. */
export const aContext = (options: ContextOptions = {}): CommandContext => {
  const orgId = options.orgId ?? ORG;
  const workflows = options.workflows ?? [aWorkflowView({ orgId })];
  return {
    now: typeof options.now === 'string' ? new Date(options.now) : (options.now ?? NOW),
    actor: options.actor ?? anActor(ALICE, REP_PERMISSIONS, orgId),
    orgId,
    organisation:
      options.organisation !== undefined ? options.organisation : anOrganisationView(options.settings, { orgId }),
    workflows: new Map(workflows.map((workflow) => [workflow.workflowId, workflow])),
  };
};

/** The same context, later by `ms` (a clock step). */
export const later = (context: CommandContext, ms: number): CommandContext => ({
  ...context,
  now: new Date(context.now.getTime() + ms),
});

export const aCreateLead = (overrides: Partial<CreateLead> = {}): CreateLead => ({
  type: 'CreateLead',
  leadId: LEAD,
  fields: { name: 'Ada Lovelace', email: ' Ada@Example.COM ', phone: '020 7946 0958', source: 'Referral' },
  ...overrides,
});

/** The event aCreateLead() decides to, with the same overrides on the data. */
export const aLeadCreated = (overrides: Partial<LeadCreated['data']> = {}): LeadCreated => ({
  type: 'LeadCreated',
  data: {
    leadId: LEAD,
    orgId: ORG,
    workflowId: WORKFLOW,
    stageId: STAGE.notContacted,
    clientId: null,
    ownerId: null,
    duplicateDecision: null,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '+442079460958',
    company: null,
    source: 'Referral',
    notes: null,
    rating: null,
    estimatedValue: null,
    expectedSaleDate: null,
    customFields: {},
    ...overrides,
  },
});
