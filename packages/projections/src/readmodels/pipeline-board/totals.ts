// The board's per-stage totals, kept as leads move: an active lead counts once in the row of its
// organisation, workflow, stage, currency, owner ('' for the pool) and whether a claim is recorded on it,
// with its estimated value. Every lead event compares what the
// lead contributed before and after it and moves the difference, so the totals always equal an aggregate
// over the active leads (the pipeline-board suite checks both ways agree).
import type { ProjectionTx, RowRef } from '../../projector/projector.js';
import type { Row } from '../../store/schema.js';
import { pipelineBoardTotals } from './tables.js';

const TOTALS = pipelineBoardTotals.name;

interface Contribution {
  readonly key: readonly [string, string, string, string, string, number];
  readonly value: number;
}

/**
 * What one lead row adds to the totals: nothing unless it is active. The organisation is the event's
 * (that is what the batch prefetched), which is the lead's own for every event the domain writes.
 */
function contributionOf(orgId: string, lead: Row | undefined): Contribution | null {
  if (lead?.['state'] !== 'active') return null;
  const text = (column: string): string => {
    const value = lead[column];
    return typeof value === 'string' ? value : '';
  };
  const value = lead['estimated_value_minor'];
  return {
    key: [orgId, text('workflow_id'), text('stage_id'), text('currency'), text('owner_id'), claimRecorded(lead)],
    value: typeof value === 'number' ? value : 0,
  };
}

/** 1 when a claim is recorded on the lead (held or lapsed, not yet released or expired): see stageTotals. */
const claimRecorded = (lead: Row): number => (lead['claimed_by'] != null && lead['claim_expires_at'] != null ? 1 : 0);

const sameBucket = (a: Contribution, b: Contribution): boolean => a.key.every((part, index) => part === b.key[index]);

/** Adds to one totals row: `leads` more leads (-1, 0 or 1) and `value` more minor units. */
function add(tx: ProjectionTx, key: Contribution['key'], leads: number, value: number): void {
  const current = tx.get(TOTALS, key);
  const number = (column: string): number => {
    const found = current?.[column];
    return typeof found === 'number' ? found : 0;
  };
  const [org_id, workflow_id, stage_id, currency, owner_id, claimed] = key;
  tx.upsert(TOTALS, {
    org_id,
    workflow_id,
    stage_id,
    currency,
    owner_id,
    claimed,
    leads: number('leads') + leads,
    value_minor: number('value_minor') + value,
  });
}

/**
 * Moves the lead's contribution from what it was before the event to what it is after: one write per
 * row touched (a row is written once per event, as stores guard writes by the event's position).
 */
export function keepBoardTotals(
  tx: ProjectionTx,
  orgId: string,
  before: Row | undefined,
  after: Row | undefined,
): void {
  const was = contributionOf(orgId, before);
  const is = contributionOf(orgId, after);
  if (was !== null && is !== null && sameBucket(was, is)) {
    if (was.value !== is.value) add(tx, is.key, 0, is.value - was.value);
    return;
  }
  if (was !== null) add(tx, was.key, -1, -was.value);
  if (is !== null) add(tx, is.key, 1, is.value);
}

/** The organisation's totals rows, loaded once per batch by stores that prefetch (PostgreSQL). */
export const boardTotalsPrefetch = (event: { readonly metadata: { readonly orgId: string } }): RowRef => ({
  table: TOTALS,
  key: [event.metadata.orgId],
});
