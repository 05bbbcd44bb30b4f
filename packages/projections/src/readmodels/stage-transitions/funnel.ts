// The funnel counters per organisation, workflow and stage, moved by the projector as leads enter and
// leave stages, so the funnel reads a row per stage instead of every visit. The stage-transitions suite
// checks them against a recount of the visits after random histories.
import type { ProjectionTx, RowRef } from '../../projector/projector.js';
import type { Row } from '../../store/schema.js';
import { addDurations } from '../shared/duration-buckets.js';
import { stageFunnelCounts } from './tables.js';

const FUNNEL = stageFunnelCounts.name;

export type FunnelKey = readonly [orgId: string, workflowId: string, stageId: string];

export interface FunnelChange {
  readonly leads?: number;
  readonly entries?: number;
  readonly reEntries?: number;
  readonly current?: number;
  readonly progressed?: number;
  /** A stay that ended, with its time in the stage. */
  readonly stayMs?: number;
}

const number = (row: Row | undefined, column: string): number => {
  const found = row?.[column];
  return typeof found === 'number' ? found : 0;
};

/** Adds the change to the stage's row (created at zero the first time). */
export function addToFunnel(tx: ProjectionTx, key: FunnelKey, change: FunnelChange): void {
  const row = tx.get(FUNNEL, key);
  const [org_id, workflow_id, stage_id] = key;
  const stays = change.stayMs === undefined ? [] : [change.stayMs];
  const buckets = row?.['duration_buckets'];
  tx.upsert(FUNNEL, {
    org_id,
    workflow_id,
    stage_id,
    leads: number(row, 'leads') + (change.leads ?? 0),
    entries: number(row, 'entries') + (change.entries ?? 0),
    re_entries: number(row, 're_entries') + (change.reEntries ?? 0),
    current: number(row, 'current') + (change.current ?? 0),
    progressed: number(row, 'progressed') + (change.progressed ?? 0),
    duration_sum_ms: number(row, 'duration_sum_ms') + (change.stayMs ?? 0),
    duration_count: number(row, 'duration_count') + stays.length,
    duration_buckets: addDurations(typeof buckets === 'string' ? buckets : null, stays, 1),
  });
}

/** The workflow's funnel rows, loaded once per batch by stores that prefetch (PostgreSQL). */
export const funnelPrefetch = (orgId: string, workflowId: string): RowRef => ({
  table: FUNNEL,
  key: [orgId, workflowId],
});
