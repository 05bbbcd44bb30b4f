// `leadline queue`: one salesperson's work queue (next call first), and the pool they may claim from.
import { UserId } from '@leadline/domain';
import type { PoolLead, QueuedLead } from 'leadline';
import { withSession, type Registrar } from '../../cli/program.js';
import { formatInstant } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import type { Session } from '../../session/session.js';
import { asOfOption } from './as-of-option.js';
import { readSide } from './read-side.js';

export interface QueueReport {
  readonly ownerId: string;
  readonly asOf: string;
  readonly queue: readonly QueuedLead[];
  readonly pool: readonly PoolLead[];
}

export async function loadQueue(
  session: Session,
  options: { owner?: string; asOf?: string; limit?: number },
): Promise<QueueReport> {
  const side = await readSide(session, options.asOf);
  try {
    const { actor } = await session.acting();
    const ownerId = UserId(options.owner ?? actor.userId);
    const limit = options.limit ?? 15;
    // Through the facade: another's queue shows only what the viewer may see, the pool only to those who may claim.
    const queue = (await side.queries.workQueue({ ownerId, viewer: actor, now: side.now, limit })).items;
    const pool = (await side.queries.claimPool({ viewer: actor, now: side.now, limit: 5 })).items;
    return { ownerId, asOf: side.label, queue, pool };
  } finally {
    await side.close();
  }
}

export function renderQueue(report: QueueReport): string {
  return [
    `Work queue of ${report.ownerId} (${report.asOf})`,
    report.queue.length === 0
      ? '(nothing owned to work)'
      : renderTable(
          ['next call', 'lead', 'id'],
          report.queue.map((lead) => [formatInstant(lead.nextCallAt), lead.name, lead.leadId]),
        ),
    'Next in the pool (claim with `leadline lead claim ID`)',
    report.pool.length === 0
      ? '(the pool is empty)'
      : renderTable(
          ['waiting since', 'lead', 'id'],
          report.pool.map((lead) => [formatInstant(lead.createdAt), lead.name, lead.leadId]),
        ),
  ].join('\n');
}

export const registerQueue: Registrar = (program, io) => {
  program
    .command('queue')
    .description("a salesperson's work queue (default: yours) and the head of the claim pool")
    .option('--owner <user>', 'whose queue')
    .addOption(asOfOption())
    .action(
      withSession<{ owner?: string; asOf?: string }>(io, async (session, _args, options) => {
        const report = await loadQueue(session, options);
        session.print(report, () => renderQueue(report));
      }),
    );
};
