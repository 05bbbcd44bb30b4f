// Leadline inside an application: open it on a store, say who acts, create and work a lead, read the
// pipeline board. `storeUrl` is `memory:` in tests and `sqlite:./app.db` to keep the data.
import { ALL_PERMISSIONS, OrgId, Permission, StageId, UserId, type Actor } from '@leadline/domain';
import { openLeadline } from 'leadline';

export interface EmbedOutcome {
  readonly leadId: string;
  readonly board: Readonly<Record<string, number>>;
}

export async function runEmbedded(storeUrl: string): Promise<EmbedOutcome> {
  const leadline = await openLeadline({ storeUrl });
  try {
    const orgId = OrgId('acme');
    const admin: Actor = { userId: UserId('ada'), orgId, kind: 'user', permissions: ALL_PERMISSIONS };
    const rep: Actor = {
      userId: UserId('rob'),
      orgId,
      kind: 'user',
      permissions: [Permission.ViewLeads, Permission.ManageLeads, Permission.EditLeads],
    };
    // The idempotency key makes setup safe to run on every start.
    await leadline.organisations.create({ orgId, name: 'Acme' }, { actor: admin, idempotencyKey: 'setup' });
    await leadline.workers.start();

    const created = await leadline.leads.create(
      { fields: { name: 'Grace Hopper', email: 'grace@navy.example', source: 'Referral' } },
      { actor: admin, idempotencyKey: 'grace' },
    );
    await leadline.leads.claim({ leadId: created.leadId }, { actor: rep, idempotencyKey: 'grace-claim' });
    await leadline.leads.takeOwnership({ leadId: created.leadId }, { actor: rep, idempotencyKey: 'grace-own' });
    await leadline.leads.changeStage(
      { leadId: created.leadId, stageId: StageId('CONTACTED') },
      { actor: rep, idempotencyKey: 'grace-contacted' },
    );

    await leadline.workers.settled();
    const board = await leadline.queries.pipelineBoard({ viewer: admin });
    return {
      leadId: created.leadId,
      board: Object.fromEntries((board?.stages ?? []).map((stage) => [stage.stageId, stage.count])),
    };
  } finally {
    await leadline.close();
  }
}
