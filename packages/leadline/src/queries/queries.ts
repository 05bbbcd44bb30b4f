// The read models' queries bound to this instance's read-model store and clock. Every query takes the
// viewer: lists keep only the leads the viewer may see (View All Leads sees all, others their own, their
// claims and — when they may claim — the pool); organisation-wide figures need View All Leads.
import {
  canViewLead,
  liveClaimant,
  canViewOrganisationWide,
  requireOrganisationWide,
  type Actor,
  type LeadId,
  type OrgId,
} from '@leadline/domain';
import {
  ALL_PROJECTORS,
  claimPool,
  journeyTimeline,
  liveClaims,
  pipelineBoard,
  searchLeads,
  sourceAnalytics,
  stageFunnel,
  stagePaths,
  verifyJourney,
  workQueue,
  type FunnelStage,
  type JourneyStep,
  type JourneyVerification,
  type LiveClaim,
  type Page,
  type PipelineBoard,
  type PipelineBoardQuery,
  type PoolLead,
  type Projector,
  type QueuedLead,
  type ReadModelReader,
  type SearchHit,
  type SearchQuery,
  type SourceAnalyticsQuery,
  type SourcePeriodStats,
  type StagePath,
} from '@leadline/projections';
import { RuntimeError, RuntimeErrorCode } from '../commands/errors.js';
import type { Clock } from '../runtime/clock.js';
import type { Dispatcher } from '../runtime/dispatcher.js';

/** The read models Leadline keeps by default: every one it ships. */
export const LEADLINE_PROJECTORS: readonly Projector[] = ALL_PROJECTORS;

/**
 * A query's input as a caller gives it: the viewer (an Actor, whose organisation is the only one read)
 * instead of `orgId`, and `now` optional (claims are judged at the clock's now unless given).
 */
type Bound<Q> = Omit<Q, 'now' | 'viewer' | 'orgId'> & { readonly viewer: Actor; readonly now?: Date };
type Viewed<Q> = Omit<Q, 'orgId'> & { readonly viewer: Actor };
type LeadQuery = { readonly leadId: LeadId; readonly viewer: Actor };
type ClaimsQuery = Bound<{ readonly orgId: OrgId; readonly limit?: number }>;
type PoolQuery = Bound<{ readonly orgId: OrgId; readonly limit?: number; readonly after?: string }>;

export interface LeadlineQueries {
  pipelineBoard(query: Bound<PipelineBoardQuery>): Promise<PipelineBoard | null>;
  /** One page of hits; pass its nextCursor as `after` for the next. */
  searchLeads(query: Bound<SearchQuery>): Promise<Page<SearchHit>>;
  workQueue(query: Bound<Parameters<typeof workQueue>[1]>): Promise<Page<QueuedLead>>;
  /** A page of pool leads; empty for a viewer who may neither claim nor see all leads. */
  claimPool(query: PoolQuery): Promise<Page<PoolLead>>;
  /** Live claims: all with View All Leads, else the viewer's own. */
  liveClaims(query: ClaimsQuery): Promise<LiveClaim[]>;
  /** A lead's journey; empty when the viewer may not see the lead. */
  journey(query: LeadQuery & { readonly now?: Date }): Promise<JourneyStep[]>;
  verifyJourney(query: LeadQuery & { readonly now?: Date }): Promise<JourneyVerification | null>;
  /** Organisation-wide figures: View All Leads only. */
  sourceAnalytics(query: Viewed<SourceAnalyticsQuery>): Promise<SourcePeriodStats[]>;
  stageFunnel(query: Viewed<Parameters<typeof stageFunnel>[1]>): Promise<FunnelStage[]>;
  stagePaths(query: Viewed<Parameters<typeof stagePaths>[1]>): Promise<StagePath[]>;
}

/** The read models to query, or a refusal naming the missing option. */
export function readModelsOrRefuse(readModels: ReadModelReader | null): ReadModelReader {
  if (readModels === null) {
    throw new RuntimeError(
      RuntimeErrorCode.InvalidOption,
      'readModels',
      'required-for-queries',
      'This Leadline has no read-model store; pass `readModels` to createLeadline to query.',
    );
  }
  return readModels;
}

export function bindQueries(readModels: ReadModelReader | null, clock: Clock, dispatcher: Dispatcher): LeadlineQueries {
  const reader = (): ReadModelReader => readModelsOrRefuse(readModels);
  const nowOf = (query: { readonly now?: Date }): Date => query.now ?? clock.now();
  /** The read's organisation is the viewer's own, always: no query reads another organisation. */
  const inOrg = <Q extends { readonly viewer: Actor }>(query: Q): Q & { readonly orgId: OrgId } => ({
    ...query,
    orgId: query.viewer.orgId,
  });
  const mayViewLead = async (query: LeadQuery & { readonly now?: Date }): Promise<boolean> => {
    const state = await dispatcher.leadState(query.leadId);
    // Another organisation's lead reads as no lead at all (nothing about it is shown).
    if (!state.exists || state.orgId !== query.viewer.orgId) return false;
    return canViewLead(query.viewer, { ownerId: state.ownerId, claimedBy: liveClaimant(state, nowOf(query)) });
  };

  return {
    pipelineBoard: (query) => pipelineBoard(reader(), { ...inOrg(query), now: nowOf(query) }),
    async searchLeads(query) {
      // A phone typed without its country is read with the organisation's default, as its leads' phones were.
      const defaultCallingCode =
        query.defaultCallingCode ??
        (await dispatcher.context.organisation(query.viewer.orgId))?.settings.defaultCountryCallingCode ??
        undefined;
      return searchLeads(reader(), {
        ...inOrg(query),
        now: nowOf(query),
        ...(defaultCallingCode === undefined ? {} : { defaultCallingCode }),
      });
    },
    workQueue: (query) => workQueue(reader(), { ...inOrg(query), now: nowOf(query) }),
    async claimPool(query) {
      if (!canViewLead(query.viewer, { ownerId: null, claimedBy: null })) return { items: [], nextCursor: null };
      return claimPool(reader(), {
        orgId: query.viewer.orgId,
        now: nowOf(query),
        ...(query.limit === undefined ? {} : { limit: query.limit }),
        ...(query.after === undefined ? {} : { after: query.after }),
      });
    },
    liveClaims: (query) =>
      liveClaims(reader(), {
        orgId: query.viewer.orgId,
        now: nowOf(query),
        // Without View All Leads, a viewer sees the claims they hold.
        ...(canViewOrganisationWide(query.viewer) ? {} : { heldBy: query.viewer.userId }),
        ...(query.limit === undefined ? {} : { limit: query.limit }),
      }),
    journey: async (query) => ((await mayViewLead(query)) ? journeyTimeline(reader(), inOrg(query)) : []),
    verifyJourney: async (query) => ((await mayViewLead(query)) ? verifyJourney(reader(), inOrg(query)) : null),
    async sourceAnalytics(query) {
      requireOrganisationWide(query.viewer, 'source analytics', 'viewer');
      return sourceAnalytics(reader(), inOrg(query));
    },
    async stageFunnel(query) {
      requireOrganisationWide(query.viewer, 'the stage funnel', 'viewer');
      return stageFunnel(reader(), inOrg(query));
    },
    async stagePaths(query) {
      requireOrganisationWide(query.viewer, 'stage paths', 'viewer');
      return stagePaths(reader(), inOrg(query));
    },
  };
}
