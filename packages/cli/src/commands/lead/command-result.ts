// What a lead command prints: the events it wrote (or that it changed nothing), and for a create or an
// update the duplicate guard's candidates when it stopped.
import type { DuplicateCandidate, LeadCommandResult } from 'leadline';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';
import { renderTable } from '../../output/table.js';
import type { Session } from '../../session/session.js';

export function printLeadResult(session: Session, verb: string, result: LeadCommandResult): void {
  const events = result.events.map((event) => ({ type: event.type, revision: event.revision, data: event.data }));
  session.print({ leadId: result.leadId, position: result.position, replayed: result.replayed, events }, () =>
    events.length === 0
      ? `lead ${result.leadId}: nothing to ${verb} (already so)`
      : `lead ${result.leadId}: ${events.map((event) => event.type).join(', ')} (position ${String(result.position)})`,
  );
}

/** The guard stopped the command: list the matching leads and refuse, saying how to choose. */
export function refuseDuplicates(session: Session, candidates: readonly DuplicateCandidate[]): never {
  const ids = candidates.map((candidate) => candidate.leadId);
  session.print({ outcome: 'duplicates', candidates }, () =>
    renderTable(
      ['matching lead', 'name', 'company', 'email', 'phone', 'matched on'],
      candidates.map((candidate) => [
        candidate.leadId,
        candidate.name,
        candidate.company,
        candidate.email,
        candidate.phone,
        candidate.matchedOn.join(', '),
      ]),
    ),
  );
  throw new CliError(
    CliErrorCode.Duplicate,
    candidates[0]?.matchedOn[0] ?? 'email',
    'no-duplicates',
    `The lead matches ${ids.length} existing lead(s); nothing was written.`,
    `Choose: --merge-into ${ids[0] ?? 'ID'} to merge, or --keep-duplicate ${ids.join(',')} to keep both.`,
  );
}
