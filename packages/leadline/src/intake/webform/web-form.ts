// A web form as Leadline sees it: whose organisation it feeds, as whom, which of its fields go where,
// the source every lead from it gets, and the guards in front (rate limit, shared secret, size limit,
// honeypot, folding of repeated submissions).
import type { Actor, StageId, WorkflowId } from '@leadline/domain';
import type { DuplicatePolicy } from '../csv/row-import.js';
import type { RateLimit } from './rate-limit.js';

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
  /** A token bucket per client address (DEFAULT_RATE_LIMIT unless given); false turns it off. */
  readonly rateLimit?: RateLimit | false;
  /**
   * The client's address, the rate limit's key. A web-standard Request does not carry the socket's
   * address: the adapter must. Behind a proxy you trust, its header, e.g.
   * `(request) => request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? null`. Without it (or
   * when it answers null) every submission shares one bucket per form.
   */
  readonly clientAddress?: (request: Request) => string | null;
  /**
   * A submission with the email of a lead this form created less than this long ago (ms) is recorded
   * on that lead as a journey step instead of making a new lead. Default a day; 0 turns it off.
   */
  readonly repeatWindowMs?: number;
  /** Told of every failure on our side, with the error id the client got. Default console.error. */
  readonly onError?: (report: WebFormErrorReport) => void;
}

/** A server-side failure of a submission: the client saw only the id and the code. */
export interface WebFormErrorReport {
  readonly errorId: string;
  readonly formId: string;
  readonly code: string;
  readonly error: unknown;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
