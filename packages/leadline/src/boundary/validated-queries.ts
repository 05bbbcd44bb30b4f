// The facade's queries behind their schemas: the viewer and every filter parsed before a read.
import type { LeadReading } from '../leads/lead-detail.js';
import type { LeadlineQueries } from '../queries/queries.js';
import { parseInput } from './issues.js';
import { QueryInputSchemas as q } from './query-inputs.js';

export function validatedQueries(queries: LeadlineQueries): LeadlineQueries {
  return {
    pipelineBoard: async (query) => queries.pipelineBoard(parseInput(q.pipelineBoard, query, '')),
    searchLeads: async (query) => queries.searchLeads(parseInput(q.searchLeads, query, '')),
    workQueue: async (query) => queries.workQueue(parseInput(q.workQueue, query, '')),
    claimPool: async (query) => queries.claimPool(parseInput(q.claimPool, query, '')),
    liveClaims: async (query) => queries.liveClaims(parseInput(q.liveClaims, query, '')),
    journey: async (query) => queries.journey(parseInput(q.journey, query, '')),
    verifyJourney: async (query) => queries.verifyJourney(parseInput(q.verifyJourney, query, '')),
    sourceAnalytics: async (query) => queries.sourceAnalytics(parseInput(q.sourceAnalytics, query, '')),
    stageFunnel: async (query) => queries.stageFunnel(parseInput(q.stageFunnel, query, '')),
    stagePaths: async (query) => queries.stagePaths(parseInput(q.stagePaths, query, '')),
  };
}

export function validatedLeadReading(reading: LeadReading): LeadReading {
  return { get: async (request) => reading.get(parseInput(q.leadDetail, request, '')) };
}
