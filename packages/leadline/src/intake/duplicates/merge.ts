// Merging two or more leads, lossless and resumable. Order: each absorbed lead is marked first (it then
// refuses edits), the survivor takes them in last; every event carries the merge id and the whole plan,
// so after a failure part-way the same merge (or completeMerge from any absorbed lead) finishes it.
import {
  DomainError,
  DomainErrorCode,
  leadDecider,
  leadStream,
  MergeId,
  StageCategory,
  ValidationError,
  isDomainError,
  type ExistingLeadState,
  LeadId,
  type LeadDetails,
  type LeadMerged,
} from '@leadline/domain';
import { derivedId } from '../../commands/idempotency.js';
import { childEnvelope, type CommandEnvelope } from '../../commands/metadata.js';
import type { Acting } from '../../runtime/dispatcher.js';
import type { IntakeRuntime } from '../intake-runtime.js';
import { MergeIncompleteError } from './merge-errors.js';

export interface MergeRequest {
  readonly survivorId: LeadId;
  /** The leads folded into the survivor; any number. They are ordered by pipeline progress, furthest first. */
  readonly absorbedIds: readonly LeadId[];
  /** Give one to make the merge resumable by the caller; derived from the idempotency key, else new. */
  readonly mergeId?: MergeId;
}

export interface MergeOutcome {
  readonly mergeId: MergeId;
  readonly survivorId: LeadId;
  /** In the order the merge rule took them. */
  readonly absorbedIds: readonly LeadId[];
  /** The survivor's details after the merge. */
  readonly details: LeadDetails;
  /** True when an earlier run had already completed this merge. */
  readonly replayed: boolean;
}

/** The plan each event of a merge carries in its metadata (`merge`). */
export interface MergePlan {
  readonly mergeId: string;
  readonly survivorId: string;
  readonly absorbedLeadIds: readonly string[];
}

export async function mergeLeads(intake: IntakeRuntime, request: MergeRequest, acting: Acting): Promise<MergeOutcome> {
  checkRequest(request);
  const base = intake.dispatcher.envelope(acting);
  const mergeId =
    request.mergeId ??
    MergeId(
      base.idempotencyKey === null
        ? intake.runtime.ids.newId()
        : derivedId(acting.actor.orgId, base.idempotencyKey, 'merge'),
    );
  const survivor = await existing(intake, request.survivorId);
  const done = survivor.absorbed.find((merge) => merge.mergeId === mergeId);
  if (done !== undefined)
    return {
      mergeId,
      survivorId: survivor.leadId,
      absorbedIds: done.absorbedLeadIds,
      details: done.after,
      replayed: true,
    };

  const absorbed = await byProgress(
    intake,
    await Promise.all(request.absorbedIds.map((leadId) => existing(intake, leadId))),
  );
  const plan: MergePlan = {
    mergeId,
    survivorId: survivor.leadId,
    absorbedLeadIds: absorbed.map((lead) => lead.leadId),
  };
  const envelope = intake.dispatcher.envelope({
    ...acting,
    metadata: { ...acting.metadata, merge: { ...plan, absorbedLeadIds: [...plan.absorbedLeadIds] } },
  });
  await precheck(intake, acting, survivor, absorbed, mergeId);

  const marked: LeadId[] = [];
  try {
    for (const lead of absorbed) {
      if (lead.mergedInto?.mergeId === mergeId) continue;
      await intake.dispatcher.lead(
        { type: 'MarkLeadMerged', leadId: lead.leadId, mergeId, survivorId: survivor.leadId },
        acting,
        step(envelope, mergeId, `absorb/${lead.leadId}`),
      );
      marked.push(lead.leadId);
    }
    const merged = await intake.dispatcher.lead(
      {
        type: 'MergeLeads',
        leadId: survivor.leadId,
        mergeId,
        absorbed: absorbed.map((lead) => ({ leadId: lead.leadId, details: lead.details })),
      },
      acting,
      step(envelope, mergeId, 'survivor'),
    );
    const data = merged.events.find((recorded) => recorded.type === 'LeadMerged')?.data as
      LeadMerged['data'] | undefined;
    const details = data?.side === 'survivor' ? data.after : survivor.details;
    return {
      mergeId,
      survivorId: survivor.leadId,
      absorbedIds: absorbed.map((lead) => lead.leadId),
      details,
      replayed: false,
    };
  } catch (error) {
    if (!isDomainError(error)) throw new MergeIncompleteError(mergeId, survivor.leadId, error);
    // Refused part-way (a lead changed since the pre-check): give back what this run marked.
    await unmarkAll(intake, acting, envelope, mergeId, marked);
    throw error;
  }
}

/** Finishes a merge that stopped part-way, starting from any lead it absorbed; null when there is none to finish. */
export async function completeMerge(
  intake: IntakeRuntime,
  leadId: LeadId,
  acting: Acting,
): Promise<MergeOutcome | null> {
  const lead = await existing(intake, leadId);
  if (lead.mergedInto === null) return null;
  const plan = await planOf(intake, leadId, lead.mergedInto.mergeId);
  if (plan === null) return null;
  return mergeLeads(
    intake,
    {
      survivorId: LeadId(plan.survivorId),
      absorbedIds: plan.absorbedLeadIds.map(LeadId),
      mergeId: MergeId(plan.mergeId),
    },
    acting,
  );
}

/** The plan recorded with a merge, read from one of its events. */
export async function planOf(intake: IntakeRuntime, leadId: LeadId, mergeId: MergeId): Promise<MergePlan | null> {
  for await (const event of intake.runtime.store.readStream(leadStream(leadId))) {
    const plan = event.metadata.merge as MergePlan | undefined;
    if (event.type === 'LeadMerged' && plan?.mergeId === mergeId) return plan;
  }
  return null;
}

export async function existing(intake: IntakeRuntime, leadId: LeadId): Promise<ExistingLeadState> {
  const { state } = await intake.leadStates.load(leadStream(leadId));
  if (!state.exists)
    throw new DomainError(DomainErrorCode.NotFound, {
      field: 'leadId',
      rule: 'must-exist',
      message: `There is no lead ${leadId}.`,
    });
  return state;
}

/** Each step of a merge is keyed by the merge id, so a rerun of the same merge replays what was written. */
export const step = (envelope: CommandEnvelope, mergeId: MergeId, part: string): CommandEnvelope =>
  childEnvelope({ ...envelope, idempotencyKey: envelope.idempotencyKey ?? `merge:${mergeId}` }, part);

function checkRequest(request: MergeRequest): void {
  const ids = request.absorbedIds;
  const fail = (rule: string, message: string): never => {
    throw new ValidationError([{ field: 'absorbedIds', rule, message }]);
  };
  if (ids.length === 0) fail('non-empty', 'Name at least one lead to merge into the survivor.');
  if (ids.includes(request.survivorId)) fail('not-self', `Lead ${request.survivorId} cannot absorb itself.`);
  if (new Set(ids).size !== ids.length) fail('distinct', 'Each absorbed lead may be named once.');
}

/** Decides every step purely first, so a merge the domain refuses writes nothing at all. */
async function precheck(
  intake: IntakeRuntime,
  acting: Acting,
  survivor: ExistingLeadState,
  absorbed: readonly ExistingLeadState[],
  mergeId: MergeId,
): Promise<void> {
  const context = await intake.dispatcher.context.build(acting.actor.orgId, acting.actor, intake.runtime.clock.now(), [
    survivor.workflowId,
  ]);
  const { decide } = leadDecider;
  for (const lead of absorbed) {
    if (lead.mergedInto?.mergeId !== mergeId)
      decide({ type: 'MarkLeadMerged', leadId: lead.leadId, mergeId, survivorId: survivor.leadId }, lead, context);
  }
  decide(
    {
      type: 'MergeLeads',
      leadId: survivor.leadId,
      mergeId,
      absorbed: absorbed.map((lead) => ({ leadId: lead.leadId, details: lead.details })),
    },
    survivor,
    context,
  );
}

async function unmarkAll(
  intake: IntakeRuntime,
  acting: Acting,
  envelope: CommandEnvelope,
  mergeId: MergeId,
  leadIds: readonly LeadId[],
): Promise<void> {
  for (const leadId of leadIds) {
    await intake.dispatcher.lead(
      { type: 'MarkLeadUnmerged', leadId, mergeId },
      acting,
      step(envelope, mergeId, `undo/${leadId}`),
    );
  }
}

/** Furthest in the pipeline first: won, then open stages from the last to the first, then lost. */
async function byProgress(intake: IntakeRuntime, leads: readonly ExistingLeadState[]): Promise<ExistingLeadState[]> {
  const ranked = await Promise.all(
    leads.map(async (lead, given) => {
      const stages = (await intake.dispatcher.context.workflow(lead.workflowId))?.stages ?? [];
      const index = Math.max(
        0,
        stages.findIndex((stage) => stage.stageId === lead.stageId),
      );
      const band =
        lead.converted || lead.stageCategory === StageCategory.Won
          ? 2
          : lead.stageCategory === StageCategory.Open
            ? 1
            : 0;
      return { lead, rank: band * 10_000 + index, given };
    }),
  );
  return ranked.sort((a, b) => b.rank - a.rank || a.given - b.given).map((entry) => entry.lead);
}
