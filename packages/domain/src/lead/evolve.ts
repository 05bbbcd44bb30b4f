// How each lead event changes the decider's state. Total over the catalogue: a new event type that is
// not handled here fails to compile. Events before LeadCreated (impossible in a real stream) are ignored.
import { match } from 'ts-pattern';
import { Role, StageCategory, type CustomFieldValue } from '../shared/values';
import type { LeadDetails, LeadEvent, LeadDetailsUpdated } from './events';
import type { ExistingLeadState, LeadState } from './state';

const applyDetailsUpdate = (details: LeadDetails, data: LeadDetailsUpdated['data']): LeadDetails => {
  const customFields: Record<string, CustomFieldValue> = { ...details.customFields };
  for (const [key, value] of Object.entries(data.customFields)) {
    if (value === null) delete customFields[key];
    else customFields[key] = value;
  }
  return { ...details, ...data.changes, customFields };
};

const evolveExisting = (state: ExistingLeadState, event: LeadEvent): ExistingLeadState =>
  match(event)
    .returnType<ExistingLeadState>()
    .with({ type: 'LeadCreated' }, () => state)
    .with({ type: 'LeadDetailsUpdated' }, ({ data }) => ({ ...state, details: applyDetailsUpdate(state.details, data) }))
    .with({ type: 'StageChanged' }, ({ data }) => ({
      ...state,
      workflowId: data.workflowId,
      stageId: data.to,
      stageName: data.toName,
      stageCategory: data.toCategory,
    }))
    .with({ type: 'NextCallScheduled' }, ({ data }) => ({ ...state, nextCallAt: data.at }))
    .with({ type: 'NoteLogged' }, () => ({ ...state, noteCount: state.noteCount + 1 }))
    .with({ type: 'JourneyStepRecorded' }, () => ({ ...state, journeyStepCount: state.journeyStepCount + 1 }))
    // Formal ownership ends any claim (the decider writes the claim's end first).
    .with({ type: 'LeadAssigned' }, ({ data }) => ({ ...state, ownerId: data.ownerId, claim: null }))
    .with({ type: 'LeadUnassigned' }, () => ({ ...state, ownerId: null }))
    .with({ type: 'LeadClaimed' }, ({ data }) => ({
      ...state,
      claim: { claimId: data.claimId, by: data.by, at: data.at, expiresAt: data.expiresAt },
    }))
    .with({ type: 'ClaimReleased' }, { type: 'ClaimExpired' }, ({ data }) =>
      state.claim?.claimId === data.claimId ? { ...state, claim: null } : state,
    )
    .with({ type: 'RolePromoted' }, ({ data }) => ({ ...state, role: data.to }))
    .with({ type: 'ConvertedToClient' }, ({ data }) => ({ ...state, converted: true, clientId: data.clientId, role: Role.Client }))
    .with({ type: 'LinkedToClient' }, ({ data }) => ({ ...state, clientId: data.clientId }))
    .with({ type: 'LeadMerged', data: { side: 'survivor' } }, ({ data }) => ({
      ...state,
      details: data.after,
      absorbed: [
        ...state.absorbed,
        { mergeId: data.mergeId, absorbedLeadIds: data.absorbedLeadIds, before: data.before, after: data.after },
      ],
    }))
    .with({ type: 'LeadMerged', data: { side: 'absorbed' } }, ({ data }) => ({
      ...state,
      claim: null,
      mergedInto: { mergeId: data.mergeId, survivorId: data.survivorId },
    }))
    .with({ type: 'LeadUnmerged', data: { side: 'survivor' } }, ({ data }) => ({
      ...state,
      details: data.restored,
      absorbed: state.absorbed.filter((merge) => merge.mergeId !== data.mergeId),
    }))
    .with({ type: 'LeadUnmerged', data: { side: 'absorbed' } }, ({ data }) =>
      state.mergedInto?.mergeId === data.mergeId ? { ...state, mergedInto: null } : state,
    )
    .with({ type: 'LeadDeleted' }, () => ({ ...state, deleted: true, claim: null }))
    .exhaustive();

export const evolveLead = (state: LeadState, event: LeadEvent): LeadState => {
  if (state.exists) return evolveExisting(state, event);
  if (event.type !== 'LeadCreated') return state;
  const { leadId, orgId, workflowId, stageId, clientId, ownerId, duplicateDecision: _decision, ...details } = event.data;
  return {
    exists: true,
    deleted: false,
    leadId,
    orgId,
    workflowId,
    stageId,
    stageName: null,
    // A lead is always created in an open stage: loss and conversion are recorded by their own events.
    stageCategory: StageCategory.Open,
    details,
    ownerId,
    claim: null,
    role: Role.Lead,
    converted: false,
    clientId,
    mergedInto: null,
    absorbed: [],
    nextCallAt: null,
    noteCount: 0,
    journeyStepCount: 0,
  };
};
