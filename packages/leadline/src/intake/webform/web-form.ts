// A web form as Leadline sees it: whose organisation it feeds, as whom, which of its fields go where,
// the source every lead from it gets, and the guards in front (honeypot, size limit, shared secret).
import type { Actor, StageId, WorkflowId } from '@leadline/domain';
import type { DuplicatePolicy } from '../csv/row-import.js';

/** A lead field a form field feeds; custom fields as `customFields.<key>`. */
export type FormTarget =
  'name' | 'firstName' | 'lastName' | 'email' | 'phone' | 'company' | 'notes' | `customFields.${string}`;

export interface WebForm {
  /** Names the form in idempotency keys and event metadata (`form`). */
  readonly formId: string;
  /** Who a submission acts as, in its organisation: needs Create Leads (and Manage Leads for the `merge` policy). */
  readonly actor: Actor;
  /** Form field → lead field. Fields not listed are ignored. */
  readonly fields: Readonly<Record<string, FormTarget>>;
  /** Every lead from this form has this source (one of the organisation's sources). */
  readonly source: string;
  /** A field people never fill (hidden from them); when filled, a bot sent it: accepted, nothing written. */
  readonly honeypot?: string;
  /** Largest accepted body in bytes; larger gets 413. Default 64 KiB. */
  readonly maxBodyBytes?: number;
  /** When set, a submission must carry it as `X-Leadline-Form-Secret` or `Authorization: Bearer …`. */
  readonly secret?: string;
  /** A submission matching existing leads: keep both (default, recorded), skip it, or merge it into the first match. */
  readonly duplicates?: DuplicatePolicy;
  readonly workflowId?: WorkflowId;
  readonly stageId?: StageId;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
