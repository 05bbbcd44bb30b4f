// How each lead event changes the decider's state. Total over the catalogue: a new event type that is
// not handled here fails to compile. Events before LeadCreated (impossible in a real stream) are ignored.
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

/** One handler per lead event type: a missing or misspelt type fails to compile, as an exhaustive match does. */
type ExistingHandlers = {
  readonly [T in LeadEvent['type']]: (state: ExistingLeadState, event: Extract<LeadEvent, { type: T }>) => ExistingLeadState;
};

// A record looked up by type instead of a ts-pattern chain built on every event: folding is the hot
// path of every command (measured: building the match chain cost more than the change it applied).
const EXISTING: ExistingHandlers = {
  LeadCreated: (state) => state,
  LeadDetailsUpdated: (state, { data }) => ({ ...state, details: applyDetailsUpdate(state.details, data) }),
  StageChanged: (state, { data }) => ({
    ...state,
    workflowId: data.workflowId,
    stageId: data.to,
    stageName: data.toName,
    stageCategory: data.toCategory,
  }),
  NextCallScheduled: (state, { data }) => ({ ...state, nextCallAt: data.at }),
  NoteLogged: (state) => ({ ...state, noteCount: state.noteCount + 1 }),
  JourneyStepRecorded: (state) => ({ ...state, journeyStepCount: state.journeyStepCount + 1 }),
  // Formal ownership ends any claim (the decider writes the claim's end first).
  LeadAssigned: (state, { data }) => ({ ...state, ownerId: data.ownerId, claim: null }),
  LeadUnassigned: (state) => ({ ...state, ownerId: null }),
  LeadClaimed: (state, { data }) => ({
    ...state,
    claim: { claimId: data.claimId, by: data.by, at: data.at, expiresAt: data.expiresAt },
  }),
  ClaimReleased: (state, { data }) => endedClaim(state, data.claimId),
  ClaimExpired: (state, { data }) => endedClaim(state, data.claimId),
  RolePromoted: (state, { data }) => ({ ...state, role: data.to }),
  ConvertedToClient: (state, { data }) => ({ ...state, converted: true, clientId: data.clientId, role: Role.Client }),
  LinkedToClient: (state, { data }) => ({ ...state, clientId: data.clientId }),
  LeadMerged: (state, { data }) =>
    data.side === 'survivor'
      ? {
          ...state,
          details: data.after,
          absorbed: [
            ...state.absorbed,
            { mergeId: data.mergeId, absorbedLeadIds: data.absorbedLeadIds, before: data.before, after: data.after },
          ],
        }
      : { ...state, claim: null, mergedInto: { mergeId: data.mergeId, survivorId: data.survivorId } },
  LeadUnmerged: (state, { data }) => {
    if (data.side === 'survivor') {
      return { ...state, details: data.restored, absorbed: state.absorbed.filter((merge) => merge.mergeId !== data.mergeId) };
    }
    return state.mergedInto?.mergeId === data.mergeId ? { ...state, mergedInto: null } : state;
  },
  LeadDeleted: (state) => ({ ...state, deleted: true, claim: null }),
};

const endedClaim = (state: ExistingLeadState, claimId: string): ExistingLeadState =>
  state.claim?.claimId === claimId ? { ...state, claim: null } : state;

/** Applies the handler of the event's own type (the record is keyed by type, so the types agree). */
const evolveExisting = (state: ExistingLeadState, event: LeadEvent): ExistingLeadState =>
  (EXISTING[event.type] as (state: ExistingLeadState, event: LeadEvent) => ExistingLeadState)(state, event);

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
