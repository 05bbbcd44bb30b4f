// Leadline on PostgreSQL: the store URL names the server and a schema of its own; an import of a few
// leads, a claim, and the pipeline board read back.
import { ALL_PERMISSIONS, OrgId, UserId, type Actor } from '@leadline/domain';
import { openLeadline } from 'leadline';

const LEADS_CSV = `Name,Email,Phone,Company,Source
Grace Hopper,grace@navy.example,,US Navy,Referral
Alan Turing,,+44 20 7946 0958,Bletchley Park,Website
Katherine Johnson,katherine@nasa.example,,NASA,Event
`;

export interface PostgresOutcome {
  readonly imported: number;
  readonly onBoard: number;
  readonly claimedBy: string | null;
}

/** `url` as `postgres://user@host:5432/db`; `schema` keeps this program's tables apart. */
export async function runOnPostgres(url: string, schema: string): Promise<PostgresOutcome> {
  const leadline = await openLeadline({ storeUrl: `${url}?schema=${schema}` });
  try {
    const orgId = OrgId('acme');
    const admin: Actor = { userId: UserId('ada'), orgId, kind: 'user', permissions: ALL_PERMISSIONS };
    await leadline.organisations.create({ orgId, name: 'Acme' }, { actor: admin, idempotencyKey: 'setup' });
    await leadline.workers.start();
    // Importing the same text again creates nothing twice: ids derive from the file's hash and row.
    const report = await leadline.intake.importCsv({ text: LEADS_CSV }, { acting: { actor: admin } });
    await leadline.workers.settled(); // the read models have taken in the import
    const first = await leadline.queries.pipelineBoard({ viewer: admin });
    const lead = first?.stages[0]?.leads[0];
    if (lead !== undefined)
      await leadline.leads.claim({ leadId: lead.leadId }, { actor: admin, idempotencyKey: `claim-${lead.leadId}` });
    await leadline.workers.settled();
    const board = await leadline.queries.pipelineBoard({ viewer: admin });
    const claimed = board?.stages.flatMap((stage) => stage.leads).find((each) => each.claimedBy !== null);
    return {
      imported: report.created + report.alreadyImported,
      onBoard: board?.count ?? 0,
      claimedBy: claimed?.claimedBy ?? null,
    };
  } finally {
    await leadline.close();
  }
}
