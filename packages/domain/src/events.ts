// The whole catalogue and the schema version of every event type (see docs/events.md).
import type { ClientEvent } from './client/events.js';
import type { LeadEvent } from './lead/events.js';
import type { ListViewEvent } from './list-view/events.js';
import type { OrganisationEvent } from './organisation/events.js';
import type { WorkflowEvent } from './workflow/events.js';

export type LeadlineEvent = LeadEvent | WorkflowEvent | OrganisationEvent | ClientEvent | ListViewEvent;
export type LeadlineEventType = LeadlineEvent['type'];
export type EventOfType<T extends LeadlineEventType> = Extract<LeadlineEvent, { type: T }>;

/** The current schema version of each event type; a store upcasts older versions on read. */
export const EVENT_SCHEMA_VERSIONS: { readonly [T in LeadlineEventType]: number } = {
  LeadCreated: 2,
  LeadDetailsUpdated: 2,
  StageChanged: 1,
  NextCallScheduled: 1,
  NoteLogged: 1,
  JourneyStepRecorded: 1,
  LeadAssigned: 1,
  LeadUnassigned: 1,
  LeadClaimed: 1,
  ClaimReleased: 1,
  ClaimExpired: 1,
  RolePromoted: 1,
  ConvertedToClient: 1,
  LinkedToClient: 1,
  LeadMerged: 2,
  LeadUnmerged: 2,
  LeadDeleted: 1,
  LeadOpened: 1,
  ContactErased: 1,
  EmailQueued: 1,
  EmailSendAttempted: 1,
  EmailSent: 1,
  EmailSendFailed: 1,
  EmailOptedOut: 1,
  WorkflowCreated: 1,
  WorkflowRenamed: 1,
  WorkflowStageAdded: 1,
  WorkflowStageRenamed: 1,
  WorkflowStagesReordered: 1,
  WorkflowStageRemoved: 1,
  OrganisationCreated: 1,
  OrganisationSettingsChanged: 1,
  DefaultWorkflowSet: 1,
  CustomFieldDefined: 1,
  CustomFieldChanged: 1,
  CustomFieldRetired: 1,
  FieldLayoutSet: 1,
  RetentionPolicySet: 1,
  ListViewCreated: 1,
  ListViewChanged: 1,
  ListViewDeleted: 1,
  ClientCreated: 1,
  ClientUpdated: 1,
  ClientErased: 1,
};

export const LEADLINE_EVENT_TYPES = Object.keys(EVENT_SCHEMA_VERSIONS) as readonly LeadlineEventType[];
