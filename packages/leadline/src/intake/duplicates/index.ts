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
} from './contact-streams.js';
export type { DuplicateCandidate } from './duplicate-guard.js';
export type { CreateLeadInput, CreateLeadResult } from './guarded-create.js';
export type { UpdateLeadInput, UpdateLeadResult } from './guarded-update.js';
export type { MergeRequest, MergeOutcome, MergePlan } from './merge.js';
export type { UnmergeRequest, UnmergeOutcome } from './unmerge.js';
export { MergeIncompleteError, ReservationExpiredError, IntakeErrorCode } from './merge-errors.js';
