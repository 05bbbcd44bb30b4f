// Branded identifiers: a LeadId cannot be passed where an OrgId is expected, though both are strings.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type OrgId = Brand<string, 'OrgId'>;
export type LeadId = Brand<string, 'LeadId'>;
export type UserId = Brand<string, 'UserId'>;
export type WorkflowId = Brand<string, 'WorkflowId'>;
export type StageId = Brand<string, 'StageId'>;
export type ClientId = Brand<string, 'ClientId'>;
export type NoteId = Brand<string, 'NoteId'>;
export type ClaimId = Brand<string, 'ClaimId'>;
export type MergeId = Brand<string, 'MergeId'>;
export type JourneyStepId = Brand<string, 'JourneyStepId'>;
export type EmailId = Brand<string, 'EmailId'>;

export const OrgId = (value: string): OrgId => value as OrgId;
export const LeadId = (value: string): LeadId => value as LeadId;
export const UserId = (value: string): UserId => value as UserId;
export const WorkflowId = (value: string): WorkflowId => value as WorkflowId;
export const StageId = (value: string): StageId => value as StageId;
export const ClientId = (value: string): ClientId => value as ClientId;
export const NoteId = (value: string): NoteId => value as NoteId;
export const ClaimId = (value: string): ClaimId => value as ClaimId;
export const MergeId = (value: string): MergeId => value as MergeId;
export const JourneyStepId = (value: string): JourneyStepId => value as JourneyStepId;
export const EmailId = (value: string): EmailId => value as EmailId;
