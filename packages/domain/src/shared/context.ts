// What a decider is told besides the command: the time, who asks, and the organisation's facts.
// The runtime loads these; the domain never reads a clock or a store.
import type { OrgId, WorkflowId } from './ids.js';
import type { Actor } from './permissions.js';
import type { FieldLayout, OrganisationSettings } from '../organisation/events.js';
import type { Stage } from './values.js';

/** What a lead decider needs to know of a workflow. */
export interface WorkflowView {
  readonly workflowId: WorkflowId;
  readonly orgId: OrgId;
  readonly name: string;
  readonly stages: readonly Stage[];
}

/** What a lead decider needs to know of the organisation. */
export interface OrganisationView {
  readonly orgId: OrgId;
  readonly settings: OrganisationSettings;
  readonly defaultWorkflowId: WorkflowId | null;
  /** The lead page's layout, null until set (organisation/fields.ts). */
  readonly fieldLayout: FieldLayout | null;
}

export interface CommandContext {
  /** The instant the command is decided at, from the injected clock. */
  readonly now: Date;
  readonly actor: Actor;
  /** The organisation the actor acts in; a command on another organisation's aggregate is refused. */
  readonly orgId: OrgId;
  /** Absent only while the organisation itself is being created. */
  readonly organisation: OrganisationView | null;
  /** The organisation's workflows, for stage checks. */
  readonly workflows: ReadonlyMap<WorkflowId, WorkflowView>;
}
