// Plain Node, no build step, no TypeScript: what a JavaScript user writes first. Opens a SQLite file,
// creates a lead, reads the pipeline board back, and fails loudly if any step does not hold.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PERMISSIONS, OrgId, UserId } from '@leadline/domain';
import { openLeadline } from 'leadline';

const file = join(mkdtempSync(join(tmpdir(), 'leadline-consumer-')), 'leads.db');
const leadline = await openLeadline({ storeUrl: `sqlite:${file}` });
const orgId = OrgId('acme');
const admin = { userId: UserId('ada'), orgId, kind: 'user', permissions: ALL_PERMISSIONS };
await leadline.organisations.create({ orgId, name: 'Acme' }, { actor: admin });
await leadline.workers.start();
const { leadId } = await leadline.leads.create(
  { fields: { name: 'Grace Hopper', email: 'grace@navy.example', source: 'Referral' } },
  { actor: admin },
);
await leadline.workers.settled();
const board = await leadline.queries.pipelineBoard({ viewer: admin });
assert.equal(board?.count, 1);
assert.deepEqual(
  board?.stages.flatMap((stage) => stage.leads.map((lead) => lead.leadId)),
  [leadId],
);
await leadline.close();
console.log(`ESM: a lead on the board of ${file}`);
