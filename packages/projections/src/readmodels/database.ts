// The read models' public tables as the typed query builder sees them: one entry per table, its row
// type derived from the table's definition (tables.ts), so no query casts what it reads.
import type { Kysely } from 'kysely';
import type { SqlReadModels } from '../sql/engine.js';
import type { TypedTableSchema } from '../store/schema.js';
import { claimsCatalog, claimsLeads } from './claims/tables.js';
import { clientsTable } from './clients/tables.js';
import { journeyHeads, journeySteps } from './journey/tables.js';
import { leadListCatalog, leadListCustomValues, leadListLeads } from './lead-list/tables.js';
import { leadDetailNotes, leadDetails, leadDetailsCatalog, leadReads } from './lead-details/tables.js';
import {
  pipelineBoardCatalog,
  pipelineBoardLeads,
  pipelineBoardOrganisations,
  pipelineBoardTotals,
} from './pipeline-board/tables.js';
import { searchTable } from './search/tables.js';
import { sourceAnalyticsCatalog, sourceAnalyticsPeriods, sourceAnalyticsLeads } from './source-analytics/tables.js';
import { stageFunnelCounts, stageJourneys, stageTransitionsCatalog, stageVisits } from './stage-transitions/tables.js';

type Tables =
  | typeof pipelineBoardLeads
  | typeof pipelineBoardOrganisations
  | typeof pipelineBoardTotals
  | (typeof pipelineBoardCatalog)[keyof typeof pipelineBoardCatalog]
  | typeof claimsLeads
  | typeof clientsTable
  | (typeof claimsCatalog)[keyof typeof claimsCatalog]
  | typeof journeySteps
  | typeof journeyHeads
  | typeof searchTable
  | typeof leadDetails
  | typeof leadDetailNotes
  | typeof leadReads
  | (typeof leadDetailsCatalog)[keyof typeof leadDetailsCatalog]
  | typeof sourceAnalyticsLeads
  | typeof sourceAnalyticsPeriods
  | (typeof sourceAnalyticsCatalog)[keyof typeof sourceAnalyticsCatalog]
  | typeof stageVisits
  | typeof stageJourneys
  | typeof stageFunnelCounts
  | (typeof stageTransitionsCatalog)[keyof typeof stageTransitionsCatalog]
  | typeof leadListLeads
  | typeof leadListCustomValues
  | (typeof leadListCatalog)[keyof typeof leadListCatalog];

type RowType<T> = T extends TypedTableSchema<string, infer TableRow> ? TableRow : never;

export type ReadModelDatabase = { [T in Tables as T['name']]: RowType<T> };

/** The store's query builder, typed with every read model's public tables. */
export const readModelDb = (reader: { readonly sql: SqlReadModels }): Kysely<ReadModelDatabase> =>
  reader.sql.db.$extendTables<ReadModelDatabase>();
