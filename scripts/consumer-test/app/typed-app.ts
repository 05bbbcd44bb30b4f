// A strict TypeScript application against the shipped declarations: the same flow as smoke.mjs with
// types, and a few mistakes the types must refuse.
import { strict as assert } from 'node:assert';
import { ALL_PERMISSIONS, LeadId, OrgId, UserId, type Actor } from '@leadline/domain';
import type { PipelineBoard } from '@leadline/projections';
import { openLeadline, type Leadline } from 'leadline';
import { createManualClock } from 'leadline/testing';
import { runCli, type CliIo } from '@leadline/cli';

const clock = createManualClock('2026-03-02T09:00:00Z');
const leadline: Leadline = await openLeadline({ storeUrl: 'memory:', clock, timers: clock });
const orgId = OrgId('acme');
const admin: Actor = { userId: UserId('ada'), orgId, kind: 'user', permissions: ALL_PERMISSIONS };
await leadline.organisations.create({ orgId, name: 'Acme' }, { actor: admin });
await leadline.workers.start();
const created = await leadline.leads.create({ fields: { name: 'Ada', email: 'ada@example.com' } }, { actor: admin });
const leadId: LeadId = created.leadId;
await leadline.workers.settled();
const board: PipelineBoard | null = await leadline.queries.pipelineBoard({ viewer: admin });
assert.equal(board?.count, 1);
assert.ok(leadId.length > 0);

// @ts-expect-error an organisation id is not a lead id
const wrong: LeadId = orgId;
void wrong;
// @ts-expect-error a command needs the actor
await leadline.leads.claim({ leadId }, {}).catch(() => undefined);
await leadline.close();

const io: CliIo = { stdout: () => undefined, stderr: () => undefined, interactive: false, cwd: process.cwd() };
assert.equal(await runCli(['--version'], io), 0);
console.log('TypeScript: strict application ran');
