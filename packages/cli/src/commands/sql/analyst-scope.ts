// What an analyst's SQL may see: the documented read-model tables (and nothing else of the database),
// only the rows of one organisation, and of lead-level tables only the leads the caller may see (the
// domain's visibility rule, applied to the pipeline board's owner and claim columns).
import { hasPermission, Permission, type Actor } from '@leadline/domain';
import { ALL_PROJECTORS, canViewRow, type Row, type TableSchema } from 'leadline';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';

/** Every table docs/read-models.md documents, by its public name. */
export const ANALYST_TABLES: readonly TableSchema[] = ALL_PROJECTORS.flatMap((projector) => projector.tables);

/** A table with a row per lead (or per step or visit of a lead): filtered by the caller's visibility. */
export const isLeadLevel = (table: TableSchema): boolean => table.columns.some((column) => column.name === 'lead_id');

/** The table the visibility rule reads: owner and claim of every lead. */
export const VISIBILITY_TABLE = 'pipeline_board_leads';

export interface AnalystScope {
  /** The organisation named with --org, or null for the only one the read models hold. */
  readonly orgId: string | null;
  readonly viewer: Actor;
  /** Claims are judged live at this instant (ISO 8601). */
  readonly now: string;
}

/** The lead ids the viewer may see among the organisation's leads (read only when needed); 'all' with View All Leads. */
export function visibleLeadIds(scope: AnalystScope, leads: () => Iterable<Row>): ReadonlySet<string> | 'all' {
  if (hasPermission(scope.viewer, Permission.ViewAllLeads)) return 'all';
  const now = new Date(scope.now);
  const visible = new Set<string>();
  for (const row of leads()) if (canViewRow(scope.viewer, row, now)) visible.add(String(row['lead_id']));
  return visible;
}

/** The organisation the query is scoped to: the one named, else the only one there is. */
export function chooseOrganisation(named: string | null, present: readonly string[]): string {
  if (named !== null) return named;
  const [only, ...others] = present;
  if (only !== undefined && others.length === 0) return only;
  throw new CliError(
    CliErrorCode.BadInput,
    '--org',
    'required-with-several-organisations',
    present.length === 0
      ? 'The read models hold no organisation yet.'
      : 'The read models hold several organisations; SQL is answered for one at a time.',
    'Name one with --org ID (or LEADLINE_ORG).',
  );
}
