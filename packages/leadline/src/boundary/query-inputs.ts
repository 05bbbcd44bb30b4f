// The inputs of the facade's queries: always the viewer (an Actor, whose organisation is the only one
// read), never an orgId; `now` optional.
import { RATING_ORDER, TEXT_LIMITS } from '@leadline/domain';
import * as z from 'zod';
import { ActorSchema } from './acting.js';
import { clientId, cursor, leadId, limit, stageId, text, userId, validDate, workflowId } from './primitives.js';

const viewed = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject({ viewer: ActorSchema, now: validDate().optional(), ...shape });

/** One schema per query of the facade, named by the query. */
export const QueryInputSchemas = {
  pipelineBoard: viewed({
    workflowId: workflowId().optional(),
    filters: z
      .strictObject({
        ownerId: userId().optional(),
        source: text(TEXT_LIMITS.source).optional(),
        stageId: stageId().optional(),
        clientId: clientId().optional(),
        text: text(TEXT_LIMITS.name).optional(),
      })
      .optional(),
    leadsPerStage: z.number().int().min(0).max(1000).optional(),
    // Pages the board's columns: the `first` stages after stage `after` (the board's nextStagesAfter).
    stages: z
      .strictObject({ first: z.number().int().min(1).max(50).optional(), after: stageId().optional() })
      .optional(),
  }),
  searchLeads: viewed({
    text: text(TEXT_LIMITS.name).optional(),
    defaultCallingCode: text(4).optional(),
    ownerId: userId().optional(),
    source: text(TEXT_LIMITS.source).optional(),
    workflowId: workflowId().optional(),
    stageId: stageId().optional(),
    clientId: clientId().optional(),
    rating: z.enum(RATING_ORDER).optional(),
    createdFrom: validDate().optional(),
    createdBefore: validDate().optional(),
    name: text(TEXT_LIMITS.name).optional(),
    email: text(254).optional(),
    phone: text(40).optional(),
    limit: limit().optional(),
    after: cursor().optional(),
  }),
  workQueue: viewed({ ownerId: userId(), limit: limit().optional(), after: cursor().optional() }),
  claimPool: viewed({ limit: limit().optional(), after: cursor().optional() }),
  liveClaims: viewed({ limit: limit().optional() }),
  journey: viewed({ leadId: leadId() }),
  leadDetail: viewed({ leadId: leadId(), notes: z.number().int().min(0).max(500).optional() }),
  verifyJourney: viewed({ leadId: leadId() }),
  sourceAnalytics: z.strictObject({
    viewer: ActorSchema,
    period: z.enum(['day', 'week', 'month']),
    from: validDate().optional(),
    to: validDate().optional(),
    source: text(TEXT_LIMITS.source).optional(),
  }),
  stageFunnel: z.strictObject({ viewer: ActorSchema, workflowId: workflowId() }),
  stagePaths: z.strictObject({
    viewer: ActorSchema,
    outcome: z.enum(['converted', 'lost']),
    workflowId: workflowId().optional(),
    limit: limit().optional(),
  }),
} as const;
