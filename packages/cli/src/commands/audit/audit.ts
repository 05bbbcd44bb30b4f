// `leadline audit LEAD`: the lead's full trail straight from its event stream — every event with its
// actor, time, position and metadata — and with --verify the journey's hash chain checked link by link.
import { LeadId, leadStream } from '@leadline/domain';
import type { JourneyVerification } from 'leadline';
import { CliError, CliErrorCode } from '../../cli/cli-error.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { withSession, type Registrar } from '../../cli/program.js';
import { formatInstant } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import { asOfOption } from '../queries/as-of-option.js';
import { readSide, requireVisibleLead } from '../queries/read-side.js';

interface AuditEntry {
  readonly revision: bigint;
  readonly position: bigint;
  readonly type: string;
  readonly occurredAt: string;
  readonly actorId: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

const CORE_METADATA = new Set(['orgId', 'actorId', 'occurredAt']);

export const registerAudit: Registrar = (program, io) => {
  program
    .command('audit')
    .description("a lead's full audit trail (actor, time, metadata); --verify checks its journey's hash chain")
    .argument('<lead>', 'lead id')
    .addOption(asOfOption())
    .option('--verify', "recompute the journey's hash chain; exit 1 on a broken link")
    .action(
      withSession<{ asOf?: string; verify?: boolean }>(io, async (session, [leadId], options) => {
        const side = await readSide(session, options.asOf);
        try {
          const id = LeadId(leadId ?? '');
          await requireVisibleLead(session, id, side.now);
          const trail: AuditEntry[] = [];
          for await (const event of session.leadline.store.readStream(leadStream(id))) {
            if (event.position > side.position) break;
            trail.push({
              revision: event.revision,
              position: event.position,
              type: event.type,
              occurredAt: event.metadata.occurredAt,
              actorId: event.metadata.actorId,
              data: event.data,
              metadata: event.metadata,
            });
          }
          const verification: JourneyVerification | null =
            options.verify === true
              ? await side.queries.verifyJourney({ viewer: (await session.acting()).actor, leadId: id, now: side.now })
              : null;
          session.print({ leadId: id, asOf: side.label, trail, verification }, () =>
            [
              `Audit trail of lead ${id} (${side.label})`,
              renderTable(
                ['rev', 'position', 'when (UTC)', 'who', 'event', 'metadata'],
                trail.map((entry) => [
                  String(entry.revision),
                  String(entry.position),
                  formatInstant(entry.occurredAt),
                  entry.actorId,
                  entry.type,
                  Object.entries(entry.metadata)
                    .filter(([key]) => !CORE_METADATA.has(key))
                    .map(([key, value]) => `${key}=${String(value)}`)
                    .join('\n'),
                ]),
              ),
              verification === null
                ? ''
                : verification.ok
                  ? `journey verified: ${verification.steps} steps, every link intact`
                  : `JOURNEY BROKEN at step ${verification.brokenAt} of ${verification.steps} (${verification.reason})`,
            ].join('\n'),
          );
          if (verification !== null && !verification.ok) {
            throw new CliError(
              CliErrorCode.VerificationFailed,
              'journey',
              `hash-chain:${verification.reason}`,
              `The journey of lead ${id} is broken at step ${verification.brokenAt}: the read model was altered or lost a step.`,
              'Rebuild the journey from the events (`leadline rebuild --projection journey`) and investigate who changed the table.',
              ExitCode.Refused,
            );
          }
        } finally {
          await side.close();
        }
      }),
    );
};
