// Reading a workflow catalog (see workflow-catalog.ts): the stages a workflow has now, in pipeline order.
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '../database.js';

/** The read models that keep a catalog of their own. */
export type CatalogPrefix = 'pipeline_board' | 'stage_transitions' | 'claims' | 'source_analytics' | 'lead_details';

/** The workflow's current stages (removed ones have no order), in pipeline order. */
export function currentStages(
  db: Kysely<ReadModelDatabase>,
  prefix: CatalogPrefix,
  query: { readonly orgId: string; readonly workflowId: string },
) {
  return db
    .selectFrom(`${prefix}_stages`)
    .select(['stage_id', 'name', 'category'])
    .where('org_id', '=', query.orgId)
    .where('workflow_id', '=', query.workflowId)
    .where('stage_order', 'is not', null)
    .orderBy('stage_order')
    .execute();
}
