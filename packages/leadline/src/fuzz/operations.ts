// Every public command and query of the facade, each with an arbitrary input and acting/viewer.
import { ALL_PERMISSIONS, OrgId, Permission, UserId, type Actor } from '@leadline/domain';
import fc from 'fast-check';
import type { Leadline } from '../leadline.js';
import { junk, NESTED, shaped, valueFor } from './values.js';

export const FUZZ_ORG = OrgId('fuzz-org');
const person = (userId: string, permissions: readonly Permission[], orgId = FUZZ_ORG): Actor => ({
  userId: UserId(userId),
  orgId,
  kind: 'user',
  permissions,
});
export const ADMIN = person('ada-admin', ALL_PERMISSIONS);
const REP = person('rob-rep', [
  Permission.ViewLeads,
  Permission.EditLeads,
  Permission.CreateLeads,
  Permission.ManageLeads,
]);
const VIEWER = person('vic-viewer', [Permission.ViewLeads]);
const OUTSIDER = person('eve-outsider', ALL_PERMISSIONS, OrgId('other-org'));

const actor: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom<unknown>(ADMIN, ADMIN, REP, VIEWER, OUTSIDER) },
  { weight: 1, arbitrary: shaped(['userId', 'orgId', 'kind', 'permissions']) },
  { weight: 1, arbitrary: junk },
);
const acting: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: actor.map((who) => ({ actor: who })) },
  {
    weight: 1,
    arbitrary: fc.tuple(actor, valueFor('idempotencyKey')).map(([who, key]) => ({ actor: who, idempotencyKey: key })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(actor, valueFor('expectedRevision'))
      .map(([who, revision]) => ({ actor: who, expectedRevision: revision })),
  },
  { weight: 1, arbitrary: actor.map((who) => ({ actor: who, metadata: { n: Number.NaN, f: () => 1 } })) },
  { weight: 1, arbitrary: junk },
);

export interface Operation {
  readonly name: string;
  readonly run: (leadline: Leadline) => Promise<unknown>;
  readonly [fc.toStringMethod]: () => string;
}

type Call = (leadline: Leadline, input: unknown, who: unknown) => Promise<unknown>;
// Inputs are deliberately of any type: the facade's boundary is what is under test.
/** An operation that prints as the call it makes, so a failing run names it (not the closure). */
const operation = (name: string, run: Operation['run'], shown: string): Operation => ({
  name,
  run,
  [fc.toStringMethod]: () => `${name}(${shown})`,
});
const command = (name: string, fields: readonly string[], call: Call): fc.Arbitrary<Operation> =>
  fc
    .tuple(shaped(fields, NESTED), acting)
    .map(([input, who]) =>
      operation(name, (leadline) => call(leadline, input, who), `${fc.stringify(input)}, ${fc.stringify(who)}`),
    );
const query = (
  name: string,
  fields: readonly string[],
  call: (leadline: Leadline, input: unknown) => Promise<unknown>,
): fc.Arbitrary<Operation> =>
  fc.tuple(shaped(fields, NESTED), actor).map(([input, viewer]) => {
    const given = typeof input === 'object' && input !== null ? { ...input, viewer } : input;
    return operation(name, (leadline) => call(leadline, given), fc.stringify(given));
  });

// Any-typed inputs are the point of a fuzz suite: the facade's types are bypassed on purpose.
const any = (value: unknown): never => value as never;
/** The actor of an acting (what the reads that take an actor get). */
const actorOf = (acting: unknown): unknown =>
  typeof acting === 'object' && acting !== null ? Reflect.get(acting, 'actor') : acting;
export const OPERATIONS: readonly fc.Arbitrary<Operation>[] = [
  command(
    'leads.create',
    ['leadId', 'details', 'ownerId', 'stageId', 'keepDespiteDuplicates', 'mergeInto'],
    (l, i, a) => l.leads.create(any(i), any(a)),
  ),
  command('leads.update', ['leadId', 'changes', 'mergeInto'], (l, i, a) => l.leads.update(any(i), any(a))),
  command('leads.changeStage', ['leadId', 'stageId', 'reason'], (l, i, a) => l.leads.changeStage(any(i), any(a))),
  command('leads.markLost', ['leadId', 'reason', 'stageId'], (l, i, a) => l.leads.markLost(any(i), any(a))),
  command('leads.reopen', ['leadId', 'reason', 'stageId'], (l, i, a) => l.leads.reopen(any(i), any(a))),
  command('leads.scheduleNextCall', ['leadId', 'at', 'note'], (l, i, a) => l.leads.scheduleNextCall(any(i), any(a))),
  command('leads.logNote', ['leadId', 'noteId', 'text', 'outcome'], (l, i, a) => l.leads.logNote(any(i), any(a))),
  command('leads.recordJourneyStep', ['leadId', 'stepId', 'label', 'description'], (l, i, a) =>
    l.leads.recordJourneyStep(any(i), any(a)),
  ),
  command('leads.claim', ['leadId', 'claimId'], (l, i, a) => l.leads.claim(any(i), any(a))),
  command('leads.release', ['leadId'], (l, i, a) => l.leads.release(any(i), any(a))),
  command('leads.expireClaim', ['leadId', 'claimId'], (l, i, a) => l.leads.expireClaim(any(i), any(a))),
  command('leads.takeOwnership', ['leadId'], (l, i, a) => l.leads.takeOwnership(any(i), any(a))),
  command('leads.assign', ['leadId', 'ownerId'], (l, i, a) => l.leads.assign(any(i), any(a))),
  command('leads.unassign', ['leadId'], (l, i, a) => l.leads.unassign(any(i), any(a))),
  command('leads.promote', ['leadId', 'to'], (l, i, a) => l.leads.promote(any(i), any(a))),
  command('leads.convert', ['leadId', 'clientId', 'mode', 'stageId'], (l, i, a) => l.leads.convert(any(i), any(a))),
  command('leads.linkToClient', ['leadId', 'clientId'], (l, i, a) => l.leads.linkToClient(any(i), any(a))),
  command('leads.delete', ['leadId', 'reason'], (l, i, a) => l.leads.delete(any(i), any(a))),
  command('leads.markRead', ['leadId'], (l, i, a) => l.leads.markRead(any(i), any(a))),
  command('leads.execute', ['type', 'leadId', 'mergeId', 'survivorId'], (l, i, a) => l.leads.execute(any(i), any(a))),
  command('leads.bulkTransfer', ['leadIds', 'target'], (l, i, a) =>
    l.leads.bulkTransfer(
      any(typeof i === 'object' && i !== null ? Reflect.get(i, 'leadIds') : i),
      any(typeof i === 'object' && i !== null ? Reflect.get(i, 'target') : i),
      any(a),
    ),
  ),
  command('leads.bulkDelete', ['leadIds'], (l, i, a) =>
    l.leads.bulkDelete(any(typeof i === 'object' && i !== null ? Reflect.get(i, 'leadIds') : i), any(a)),
  ),
  command('workflows.create', ['workflowId', 'name', 'stages'], (l, i, a) => l.workflows.create(any(i), any(a))),
  command('workflows.addStage', ['workflowId', 'stage', 'position'], (l, i, a) => l.workflows.addStage(any(i), any(a))),
  command('workflows.reorderStages', ['workflowId', 'order'], (l, i, a) => l.workflows.reorderStages(any(i), any(a))),
  command('workflows.removeStage', ['workflowId', 'stageId', 'fallbackStageId'], (l, i, a) =>
    l.workflows.removeStage(any(i), any(a)),
  ),
  command('workflows.get', ['workflowId'], (l, i, a) =>
    l.workflows.get(any(typeof i === 'object' && i !== null ? Reflect.get(i, 'workflowId') : i), any(actorOf(a))),
  ),
  command('organisations.changeSettings', ['changes'], (l, i, a) => l.organisations.changeSettings(any(i), any(a))),
  command('organisations.defineField', ['field'], (l, i, a) => l.organisations.defineField(any(i), any(a))),
  command('organisations.changeField', ['key', 'changes'], (l, i, a) => l.organisations.changeField(any(i), any(a))),
  command('organisations.retireField', ['key'], (l, i, a) => l.organisations.retireField(any(i), any(a))),
  command('organisations.setFieldLayout', ['layout'], (l, i, a) => l.organisations.setFieldLayout(any(i), any(a))),
  command('organisations.setDefaultWorkflow', ['workflowId'], (l, i, a) =>
    l.organisations.setDefaultWorkflow(any(i), any(a)),
  ),
  command('organisations.get', [], (l, _i, a) => l.organisations.get(any(actorOf(a)))),
  command('intake.findDuplicates', ['email', 'phone'], (l, i, a) => l.intake.findDuplicates(any(i), any(a))),
  command('intake.merge', ['survivorId', 'absorbedIds', 'mergeId'], (l, i, a) => l.intake.merge(any(i), any(a))),
  command('intake.unmerge', ['survivorId', 'mergeId'], (l, i, a) => l.intake.unmerge(any(i), any(a))),
  command('intake.completeMerge', ['leadId'], (l, i, a) =>
    l.intake.completeMerge(any(typeof i === 'object' && i !== null ? Reflect.get(i, 'leadId') : i), any(a)),
  ),
  command('email.send', ['leadIds', 'view', 'template'], (l, i, a) => l.email.send(any(i), any(a))),
  command('views.create', ['viewId', 'name', 'columns', 'sort', 'filters', 'visibility'], (l, i, a) =>
    l.views.create(any(i), any(a)),
  ),
  command('views.update', ['viewId', 'changes'], (l, i, a) => l.views.update(any(i), any(a))),
  command('views.delete', ['viewId'], (l, i, a) => l.views.delete(any(i), any(a))),
  query('views.list', [], (l, q) => l.views.list(any(q))),
  query('views.get', ['view'], (l, q) => l.views.get(any(q))),
  query('views.fields', [], (l, q) => l.views.fields(any(q))),
  query('leads.list', ['view', 'adHoc', 'cursor', 'limit', 'now'], (l, q) => l.leads.list(any(q))),
  query('views.exportCsv', ['view', 'adHoc', 'contact', 'now'], async (l, q) => {
    let text = '';
    for await (const chunk of l.views.exportCsv(any(q))) text += chunk;
    return text;
  }),
  command('email.optOut', ['leadId', 'reason'], (l, i, a) => l.email.optOut(any(i), any(a))),
  command('intake.rules.get', [], (l, _i, a) => l.intake.rules.get(any(actorOf(a)))),
  command('intake.importCsv', ['text'], (l, i, a) => l.intake.importCsv(any(i), any({ acting: a }))),
  command('clients.create', ['clientId', 'details'], (l, i, a) => l.clients.create(any(i), any(a))),
  command('clients.update', ['clientId', 'changes'], (l, i, a) => l.clients.update(any(i), any(a))),
  command('clients.import', ['text'], (l, i, a) => l.clients.import(any(i), any({ acting: a }))),
  query('clients.list', ['text', 'limit', 'after'], (l, q) => l.clients.list(any(q))),
  query('clients.get', ['clientId'], (l, q) => l.clients.get(any(q))),
  query('clients.leads', ['clientId', 'limit', 'now'], (l, q) => l.clients.leads(any(q))),
  command('contacts.erase', ['leadId', 'clientId', 'email', 'phone', 'reason'], (l, i, a) =>
    l.contacts.erase(any(i), any(a)),
  ),
  command('contacts.export', ['leadId'], (l, i, a) => l.contacts.export(any(i), any(a))),
  command('contacts.exportClient', ['clientId'], (l, i, a) => l.contacts.exportClient(any(i), any(a))),
  command('contacts.applyRetention', ['lostLeadsAfterMonths'], (l, i, a) => l.contacts.applyRetention(any(i), any(a))),
  command('contacts.setRetentionPolicy', ['lostLeadsAfterMonths'], (l, i, a) =>
    l.contacts.setRetentionPolicy(any(i), any(a)),
  ),
  command('contacts.retentionPolicy', [], (l, _i, a) => l.contacts.retentionPolicy(any(actorOf(a)))),
  query('queries.pipelineBoard', ['workflowId', 'leadsPerStage', 'stages', 'now'], (l, q) =>
    l.queries.pipelineBoard(any(q)),
  ),
  query(
    'queries.searchLeads',
    [
      'text',
      'name',
      'email',
      'phone',
      'source',
      'stageId',
      'clientId',
      'rating',
      'createdFrom',
      'createdBefore',
      'limit',
    ],
    (l, q) => l.queries.searchLeads(any(q)),
  ),
  query('queries.workQueue', ['ownerId', 'limit', 'now'], (l, q) => l.queries.workQueue(any(q))),
  query('queries.claimPool', ['limit', 'now'], (l, q) => l.queries.claimPool(any(q))),
  query('queries.liveClaims', ['limit'], (l, q) => l.queries.liveClaims(any(q))),
  query('queries.journey', ['leadId'], (l, q) => l.queries.journey(any(q))),
  query('leads.get', ['leadId', 'notes'], (l, q) => l.leads.get(any(q))),
  query('queries.verifyJourney', ['leadId'], (l, q) => l.queries.verifyJourney(any(q))),
  query('queries.sourceAnalytics', ['period', 'source'], (l, q) => l.queries.sourceAnalytics(any(q))),
  query('queries.stageFunnel', ['workflowId'], (l, q) => l.queries.stageFunnel(any(q))),
  query('queries.stagePaths', ['outcome', 'workflowId', 'limit'], (l, q) => l.queries.stagePaths(any(q))),
];
