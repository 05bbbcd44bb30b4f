export {
  ContactKind,
  CONTACT_EVENT_TYPES,
  CONTACT_STREAM_CATEGORY,
  contactStream,
  contactsOf,
  type Contact,
  type ContactEvent,
  type ContactReserved,
  type ContactReleased,
} from './contact-streams';
export type { DuplicateCandidate } from './duplicate-guard';
export type { CreateLeadInput, CreateLeadResult } from './guarded-create';
export type { UpdateLeadInput, UpdateLeadResult } from './guarded-update';
export type { MergeRequest, MergeOutcome, MergePlan } from './merge';
export type { UnmergeRequest, UnmergeOutcome } from './unmerge';
export { MergeIncompleteError, ReservationExpiredError, IntakeErrorCode } from './merge-errors';
