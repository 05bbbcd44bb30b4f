// The queries: GET with the filters in the query string; the actor is always the viewer, so a query
// reads the viewer's organisation and only what they may see.
import { leadStream } from '@leadline/domain';
import { QueryInputSchemas as q } from 'leadline';
import { query, type Route } from './route.js';

const isEmptyList = (result: unknown): boolean => Array.isArray(result) && result.length === 0;

export const QUERY_ROUTES: readonly Route[] = [
  query({
    path: '/board',
    entry: 'queries.pipelineBoard',
    summary: 'The pipeline board of a workflow (the default one unless named): stages, counts, value, leads.',
    schema: q.pipelineBoard,
    subject: 'workflow',
    notFoundWhen: (board) => board === null,
    run: (leadline, input) => leadline.queries.pipelineBoard(input),
  }),
  query({
    path: '/search',
    entry: 'queries.searchLeads',
    summary: 'Search leads by text, name, email or phone; one page, `after` = the previous nextCursor.',
    schema: q.searchLeads,
    run: (leadline, input) => leadline.queries.searchLeads(input),
  }),
  query({
    path: '/queue',
    entry: 'queries.workQueue',
    summary: "A user's work queue (the viewer's own unless ownerId is given), ordered by next call.",
    schema: q.workQueue,
    defaults: (actor) => ({ ownerId: actor.userId }),
    run: (leadline, input) => leadline.queries.workQueue(input),
  }),
  query({
    path: '/pool',
    entry: 'queries.claimPool',
    summary: 'The unassigned leads open to claim.',
    schema: q.claimPool,
    run: (leadline, input) => leadline.queries.claimPool(input),
  }),
  query({
    path: '/claims',
    entry: 'queries.liveClaims',
    summary: "Live claims: all with View All Leads, else the viewer's own.",
    schema: q.liveClaims,
    run: (leadline, input) => leadline.queries.liveClaims(input),
  }),
  query({
    path: '/leads/:leadId',
    entry: 'leads.get',
    summary:
      "The lead's page: every field laid out by the organisation's layout, owner, claim, next call, latest notes, journey head, unread for the viewer (does not mark it read).",
    schema: q.leadDetail,
    subject: 'lead',
    notFoundWhen: (lead) => lead === null,
    run: (leadline, input) => leadline.leads.get(input),
    // The ETag is the stream's revision (what If-Match checks). The page comes from read models, which
    // may trail the stream for a moment after a write (docs/http.md says so).
    revisionOf: (leadline, input) => leadline.store.streamRevision(leadStream(input.leadId)),
  }),
  query({
    path: '/leads/:leadId/journey',
    entry: 'queries.journey',
    summary: "The lead's journey timeline: human-readable steps with actor and time.",
    schema: q.journey,
    subject: 'lead',
    // Every lead has at least its creation step: an empty journey is a lead the viewer may not see.
    notFoundWhen: isEmptyList,
    run: (leadline, input) => leadline.queries.journey(input),
  }),
  query({
    path: '/leads/:leadId/journey/verification',
    entry: 'queries.verifyJourney',
    summary: "Verifies the journey's hash chain against the stored events.",
    schema: q.verifyJourney,
    subject: 'lead',
    notFoundWhen: (verification) => verification === null,
    run: (leadline, input) => leadline.queries.verifyJourney(input),
  }),
  query({
    path: '/analytics/sources',
    entry: 'queries.sourceAnalytics',
    summary: 'Per source and period: created, contacted, qualified, converted, lost, rates (View All Leads).',
    schema: q.sourceAnalytics,
    run: (leadline, input) => leadline.queries.sourceAnalytics(input),
  }),
  query({
    path: '/analytics/funnel',
    entry: 'queries.stageFunnel',
    summary: "A workflow's stage funnel and time in stage (View All Leads).",
    schema: q.stageFunnel,
    run: (leadline, input) => leadline.queries.stageFunnel(input),
  }),
  query({
    path: '/analytics/paths',
    entry: 'queries.stagePaths',
    summary: 'The commonest paths through the stages to a conversion or a loss (View All Leads).',
    schema: q.stagePaths,
    run: (leadline, input) => leadline.queries.stagePaths(input),
  }),
];
