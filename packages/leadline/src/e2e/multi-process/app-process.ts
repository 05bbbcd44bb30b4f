// Child process of the multi-process test: one app instance on a shared PostgreSQL store, with the
// leased projections and the claim expiry worker running. On "go" (stdin) it races the other instances:
// creates of one email and a claim of one lead; it prints what it got, and stops on "stop".
// Usage: <store URL> <instance number>
import { createInterface } from 'node:readline';
import { LeadId, Permission, UserId, type Actor } from '@leadline/domain';
import { openLeadline } from '../../store-url/open-leadline.js';
import { ACME, as, manager } from '../actors.js';
import { CONTENDED_LEAD, CREATES_PER_INSTANCE, RACING_EMAIL } from './race.js';

async function main(): Promise<void> {
  const [storeUrl = '', instance = '0'] = process.argv.slice(2);
  const leadline = await openLeadline({
    storeUrl,
    // Every lost race means another caller won: many callers on one stream need more tries than usual.
    retry: { maxAttempts: 24 },
    leases: { takeoverWithinMs: 3000, owner: `app-${instance}` },
    onWorkerError: (error, worker) => process.stderr.write(`${worker}: ${String(error)}\n`),
  });
  await leadline.workers.start({ automations: false });
  process.stdout.write('app-ready\n');
  const rep: Actor = {
    userId: UserId(`rep-${instance}`),
    orgId: ACME,
    kind: 'user',
    permissions: [Permission.ViewLeads, Permission.ManageLeads, Permission.CreateLeads],
  };
  const race = async () => {
    const creates = Array.from({ length: CREATES_PER_INSTANCE }, (_, index) =>
      leadline.leads.create(
        {
          leadId: LeadId(`racer-${instance}-${index}`),
          fields: { name: 'Racer', email: RACING_EMAIL, source: 'Website' },
        },
        as(manager),
      ),
    );
    const claim = leadline.leads.claim({ leadId: CONTENDED_LEAD }, as(rep)).then(
      () => 'won',
      (error: unknown) => (error as { code?: string }).code ?? String(error),
    );
    const outcomes = (await Promise.all(creates)).map((created) => created.outcome);
    return { outcomes, claim: await claim };
  };
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'go') process.stdout.write(`app-result ${JSON.stringify(await race())}\n`);
    if (line === 'stop') break;
  }
  await leadline.close();
  // stdin stays open in the parent: leave without waiting for it.
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exitCode = 1;
});
