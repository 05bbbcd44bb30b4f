// Undoing a merge: the survivor first (it gives back what the merge changed), then each absorbed lead
// is released. A failure part-way is finished by running the same unmerge again.
import {
  DomainError,
  DomainErrorCode,
  isDomainError,
  leadStream,
  type LeadId,
  type LeadUnmerged,
  type MergeId,
} from '@leadline/domain';
import type { Acting } from '../../runtime/dispatcher.js';
import type { IntakeRuntime } from '../intake-runtime.js';
import { existing, step } from './merge.js';
import { MergeIncompleteError } from './merge-errors.js';

export interface UnmergeRequest {
  readonly survivorId: LeadId;
  readonly mergeId: MergeId;
}

export interface UnmergeOutcome {
  readonly mergeId: MergeId;
  readonly survivorId: LeadId;
  readonly restoredIds: readonly LeadId[];
  /** True when an earlier run had already undone the whole merge. */
  readonly replayed: boolean;
}

export async function unmergeLeads(
  intake: IntakeRuntime,
  request: UnmergeRequest,
  acting: Acting,
): Promise<UnmergeOutcome> {
  const { survivorId, mergeId } = request;
  const survivor = await existing(intake, survivorId);
  const envelope = intake.dispatcher.envelope(acting);
  let restoredIds: readonly LeadId[];
  let replayed = true;
  if (survivor.absorbed.some((merge) => merge.mergeId === mergeId)) {
    const outcome = await intake.dispatcher.lead(
      { type: 'UnmergeLeads', leadId: survivorId, mergeId },
      acting,
      step(envelope, mergeId, 'unmerge/survivor'),
    );
    const data = outcome.events.find((recorded) => recorded.type === 'LeadUnmerged')?.data as
      LeadUnmerged['data'] | undefined;
    restoredIds = data?.side === 'survivor' ? data.restoredLeadIds : [];
    replayed = false;
  } else {
    restoredIds = await unmergedEarlier(intake, survivorId, mergeId);
  }
  try {
    for (const leadId of restoredIds) {
      const lead = await existing(intake, leadId);
      if (lead.mergedInto?.mergeId !== mergeId) continue;
      await intake.dispatcher.lead(
        { type: 'MarkLeadUnmerged', leadId, mergeId },
        acting,
        step(envelope, mergeId, `unmerge/${leadId}`),
      );
      replayed = false;
    }
  } catch (error) {
    if (isDomainError(error)) throw error;
    throw new MergeIncompleteError(mergeId, survivorId, error);
  }
  return { mergeId, survivorId, restoredIds, replayed };
}

/** The leads an earlier unmerge of this merge restored on the survivor (a rerun finishes the rest). */
async function unmergedEarlier(
  intake: IntakeRuntime,
  survivorId: LeadId,
  mergeId: MergeId,
): Promise<readonly LeadId[]> {
  for await (const event of intake.runtime.store.readStream(leadStream(survivorId))) {
    const data = event.data as { mergeId?: string; side?: string; restoredLeadIds?: LeadId[] };
    if (event.type === 'LeadUnmerged' && data.mergeId === mergeId && data.side === 'survivor')
      return data.restoredLeadIds ?? [];
  }
  throw new DomainError(DomainErrorCode.NotFound, {
    field: 'mergeId',
    rule: 'merge-of-survivor',
    message: `Lead ${survivorId} has no merge ${mergeId} to undo.`,
  });
}
