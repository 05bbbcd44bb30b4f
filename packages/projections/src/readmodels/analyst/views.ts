// Views for analysts, over the live read-model tables: stores (re)create them whenever a projector they
// read switches version, in the same transaction, so they always read the live versions.
import type { Compilable } from 'kysely';
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, sql } from 'kysely';
import type { ReadModelDatabase } from '../database.js';

export interface AnalystView {
  readonly name: string;
  readonly description: string;
  /** The projectors whose tables it reads. */
  readonly reads: readonly string[];
  /** Column name → description, in the view's column order (docs/read-models.md lists them). */
  readonly columns: Readonly<Record<string, string>>;
  /** The view's SELECT, with literals only (no parameters), compiled by the store's own dialect. */
  select(db: Kysely<ReadModelDatabase>): Compilable;
}

export const leadsView: AnalystView = {
  name: 'leads',
  description:
    'One row per live lead (merged and deleted leads left out): its stage, owner, source, client and values, with its workflow and stage named.',
  reads: ['pipeline_board'],
  columns: {
    org_id: 'The organisation.',
    lead_id: 'The lead.',
    name: 'Lead name.',
    company: 'Company.',
    email: 'Email, lower-cased.',
    source: 'Where the lead came from.',
    owner_id: 'Its owner; null while in the pool.',
    workflow_id: 'Its workflow.',
    workflow: "The workflow's name.",
    stage_id: 'Its current stage.',
    stage: "The stage's name.",
    stage_category: 'open, won or lost.',
    role: 'Lead, Prospect or Client.',
    client_id: 'The client it converted into or is linked to.',
    estimated_value_minor: 'Estimated value in minor units (cents).',
    currency: 'ISO 4217 currency of the estimated value.',
    next_call_at: 'The next scheduled call.',
    claimed_by: 'Who holds its recorded claim (it holds while now < claim_expires_at).',
    claim_expires_at: 'When that claim lapses.',
    created_at: 'When the lead was created.',
    updated_at: 'When anything on the board last changed for it.',
  },
  select: (db) =>
    db
      .selectFrom('pipeline_board_leads as l')
      .leftJoin('pipeline_board_workflows as w', 'w.workflow_id', 'l.workflow_id')
      .leftJoin('pipeline_board_stages as s', (join) =>
        join.onRef('s.workflow_id', '=', 'l.workflow_id').onRef('s.stage_id', '=', 'l.stage_id'),
      )
      .select([
        'l.org_id',
        'l.lead_id',
        'l.name',
        'l.company',
        'l.email',
        'l.source',
        'l.owner_id',
        'l.workflow_id',
        'w.name as workflow',
        'l.stage_id',
        's.name as stage',
        's.category as stage_category',
        'l.role',
        'l.client_id',
        'l.estimated_value_minor',
        'l.currency',
        'l.next_call_at',
        'l.claimed_by',
        'l.claim_expires_at',
        'l.created_at',
        'l.updated_at',
      ])
      .where('l.state', '=', sql.lit('active')),
};

export const ANALYST_VIEWS: readonly AnalystView[] = [leadsView];

/** The analyst views that read a projector's tables: dropped before its views are repointed, then made again. */
export const viewsReading = (projector: string): readonly AnalystView[] =>
  ANALYST_VIEWS.filter((view) => view.reads.includes(projector));

/** CREATE VIEW for the store's dialect; `qualifiedName` is the view's quoted (schema-qualified) name. */
export function createViewSql(view: AnalystView, db: Kysely<ReadModelDatabase>, qualifiedName: string): string {
  const compiled = view.select(db).compile();
  if (compiled.parameters.length > 0) throw new Error(`View ${view.name} must use literals, not parameters.`);
  return `CREATE VIEW ${qualifiedName} AS ${compiled.sql}`;
}

/**
 * CREATE VIEW for SQLite without a store: for a copy of the public tables under their own names (the
 * analyst SQL sandbox). Compiled by Kysely with no connection.
 */
export function sqliteViewSql(view: AnalystView): string {
  const db = new Kysely<ReadModelDatabase>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (introspected) => new SqliteIntrospector(introspected),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
  return createViewSql(view, db, `"${view.name}"`);
}
