// What tools built on the facade (the CLI first) need besides `leadline.queries`: the read side as
// functions over a reader (as-of reads, rebuilds, journey verification), the SQLite store with its
// durability setting, a seeded random source for reproducible runs, and what the analysts' SQL sandbox
// builds its scoped copy with (the tables' SQL, the visibility of a board row). Re-exported here so such a tool
// depends on `leadline` alone, never on the packages behind it.
export {
  ALL_PROJECTORS,
  Period,
  canViewRow,
  claimPool,
  ANALYST_VIEWS,
  createTableSql,
  sqliteViewSql,
  journeyTimeline,
  pipelineBoard,
  projectAsOf,
  quote,
  rebuild,
  searchLeads,
  sourceAnalytics,
  stageFunnel,
  verifyJourney,
  workQueue,
  mulberry32,
  type FunnelStage,
  type JourneyStep,
  type JourneyVerification,
  type LeadDetail,
  type LeadDetailNote,
  type PipelineBoard,
  type PoolLead,
  type ProjectionProgress,
  type QueuedLead,
  type ReadModelReader,
  type Row,
  type TableSchema,
  type SourcePeriodStats,
} from '@leadline/projections';
export { openSqliteEventStore, sqliteDialect, type SqliteDurability } from '@leadline/sqlite';
export type { EventStore } from '@leadline/eventstore';
