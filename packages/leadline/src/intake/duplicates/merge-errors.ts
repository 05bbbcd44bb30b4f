// The typed errors of merging, shaped like the domain's: a stable code, the field and the rule broken.
import type { LeadId, MergeId } from '@leadline/domain';
import { RuntimeError } from '../../commands/errors.js';

export const IntakeErrorCode = {
  MergeIncomplete: 'MERGE_INCOMPLETE',
} as const;
export type IntakeErrorCode = (typeof IntakeErrorCode)[keyof typeof IntakeErrorCode];

/**
 * The store failed part-way through a merge or unmerge. Every step already written is recorded under
 * the merge id; run the same merge again (or `completeMerge`) to finish it. Nothing is lost.
 */
export class MergeIncompleteError extends Error {
  override readonly name = 'MergeIncompleteError';
  readonly code = IntakeErrorCode.MergeIncomplete;
  readonly field = 'mergeId';
  readonly rule = 'rerun-to-complete';
  constructor(
    readonly mergeId: MergeId,
    readonly survivorId: LeadId,
    cause: unknown,
  ) {
    super(
      `Merge ${mergeId} into lead ${survivorId} stopped part-way (${cause instanceof Error ? cause.message : String(cause)}); run it again with the same mergeId, or completeMerge, to finish it.`,
      { cause },
    );
  }

  toJSON(): { code: string; field: string; rule: string; message: string } {
    return { code: this.code, field: this.field, rule: this.rule, message: this.message };
  }
}

/** A create took longer than the reservation grace period between reserving and writing the lead. */
export class ReservationExpiredError extends RuntimeError {
  override readonly name = 'ReservationExpiredError';
  constructor(readonly leadId: LeadId) {
    super(
      'CONCURRENCY_CONFLICT',
      'leadId',
      'reservation-within-grace',
      `Creating lead ${leadId} took longer than the contact reservation grace period; nothing was written for the lead. Try again.`,
    );
  }
}
