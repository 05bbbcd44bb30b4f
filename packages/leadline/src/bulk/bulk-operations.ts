// Mass transfer and mass delete: each lead is a command of its own, decided with the actor's
// permissions on that lead, so one refusal or one missing lead never stops the others.
import { DomainErrorCode, isDomainError, type LeadId, type UserId } from '@leadline/domain';
import type { LeadCommands } from '../leads/lead-commands.js';
import type { IdGenerator } from '../runtime/clock.js';
import type { Acting } from '../runtime/dispatcher.js';

export type BulkLeadResult =
  | { readonly leadId: LeadId; readonly status: 'done'; readonly changed: boolean }
  | {
      readonly leadId: LeadId;
      readonly status: 'refused';
      readonly code: string;
      readonly field: string;
      readonly reason: string;
    }
  | { readonly leadId: LeadId; readonly status: 'not-found'; readonly reason: string }
  /** The store failed (unavailable, conflict retries exhausted): nothing was written for this lead; try it again. */
  | { readonly leadId: LeadId; readonly status: 'failed'; readonly code: string; readonly reason: string };

export interface BulkOutcome {
  readonly results: readonly BulkLeadResult[];
  readonly done: number;
  readonly refused: number;
  readonly notFound: number;
  readonly failed: number;
}

/** To a user (assign, or transfer from the current owner) or back to the pool. */
export type TransferTarget = { readonly to: 'user'; readonly userId: UserId } | { readonly to: 'pool' };

export interface BulkOperations {
  bulkTransfer(leadIds: readonly LeadId[], target: TransferTarget, acting: Acting): Promise<BulkOutcome>;
  bulkDelete(leadIds: readonly LeadId[], acting: Acting & { readonly reason?: string }): Promise<BulkOutcome>;
}

/** Leads worked on at once; each is its own stream, so they never contend with each other. */
const BULK_CONCURRENCY = 8;

export function createBulkOperations(leads: LeadCommands, ids: IdGenerator): BulkOperations {
  const perLead = async (
    leadIds: readonly LeadId[],
    acting: Acting,
    send: (leadId: LeadId, acting: Acting) => Promise<{ readonly events: readonly unknown[] }>,
  ): Promise<BulkOutcome> => {
    const unique = [...new Set(leadIds)];
    // One correlation id ties every lead's events to the one bulk operation.
    const shared: Acting = { ...acting, correlationId: acting.correlationId ?? ids.newId() };
    const results: BulkLeadResult[] = new Array<BulkLeadResult>(unique.length);
    let next = 0;
    const lane = async (): Promise<void> => {
      for (let index = next++; index < unique.length; index = next++) {
        const leadId = unique[index] as LeadId;
        // Each lead gets a key of its own under the bulk key, so a retried bulk skips leads already done.
        const key = acting.idempotencyKey === undefined ? {} : { idempotencyKey: `${acting.idempotencyKey}/${leadId}` };
        results[index] = await settle(leadId, () => send(leadId, { ...shared, ...key }));
      }
    };
    await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, unique.length) }, lane));
    return {
      results,
      done: results.filter((result) => result.status === 'done').length,
      refused: results.filter((result) => result.status === 'refused').length,
      notFound: results.filter((result) => result.status === 'not-found').length,
      failed: results.filter((result) => result.status === 'failed').length,
    };
  };

  return {
    bulkTransfer: (leadIds, target, acting) =>
      perLead(leadIds, acting, (leadId, each) =>
        target.to === 'pool'
          ? leads.unassign({ leadId }, each)
          : leads.assign({ leadId, ownerId: target.userId }, each),
      ),
    bulkDelete: (leadIds, acting) =>
      perLead(leadIds, acting, (leadId, each) => leads.delete({ leadId, reason: acting.reason ?? null }, each)),
  };
}

async function settle(
  leadId: LeadId,
  send: () => Promise<{ readonly events: readonly unknown[] }>,
): Promise<BulkLeadResult> {
  try {
    const outcome = await send();
    return { leadId, status: 'done', changed: outcome.events.length > 0 };
  } catch (error) {
    if (isDomainError(error) && error.code === DomainErrorCode.NotFound && error.field === 'leadId') {
      return { leadId, status: 'not-found', reason: error.message };
    }
    if (isDomainError(error)) {
      return { leadId, status: 'refused', code: error.code, field: error.field, reason: error.message };
    }
    const code =
      error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'UNEXPECTED';
    return { leadId, status: 'failed', code, reason: error instanceof Error ? error.message : String(error) };
  }
}
