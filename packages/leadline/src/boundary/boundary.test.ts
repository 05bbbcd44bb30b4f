// Every public entry parses its input: malformed input is refused with a ValidationError naming the
// field and the rule, and a refused call leaves the store byte for byte as it was (memory and SQLite).
import { describe, expect, it } from '@jest/globals';
import { LeadId, UserId, type Actor } from '@leadline/domain';
import type { EventStore } from '@leadline/eventstore';
import { acting, openWithOrganisation, owner } from '../intake/test-support/setup.js';
import { describeOnStores } from '../intake/test-support/stores.js';
import { fieldPath } from './issues.js';

/** Every event of the store as JSON, in order: equal dumps mean nothing was written. */
async function dump(store: EventStore): Promise<string> {
  const events: unknown[] = [];
  for await (const event of store.readAll()) events.push(event);
  return JSON.stringify(events, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

const details = { name: 'Ada', email: 'ada@example.com', source: 'Website' };

describeOnStores('validated boundaries', ['memory', 'sqlite'], (open) => {
  const refusals: readonly [
    string,
    (leadline: Awaited<ReturnType<typeof openWithOrganisation>>['leadline']) => Promise<unknown>,
    string,
    string,
  ][] = [
    [
      'an unknown field',
      (l) => l.leads.create({ fields: details, colour: 'red' } as never, acting()),
      'colour',
      'unknown-field',
    ],
    [
      "create's fields under their old name",
      (l) => l.leads.create({ details } as never, acting()),
      'details',
      'renamed:fields',
    ],
    [
      "update's fields under their old name",
      (l) => l.leads.update({ leadId: LeadId('l-1'), changes: { name: 'Ada' } } as never, acting()),
      'changes',
      'renamed:fields',
    ],
    [
      'a NUL in a name',
      (l) => l.leads.create({ fields: { ...details, name: 'A\u0000da' } }, acting()),
      'fields.name',
      'no-nul',
    ],
    [
      'a control character',
      (l) => l.leads.create({ fields: { ...details, company: 'Bad\u001b[31m' } }, acting()),
      'fields.company',
      'no-control-characters',
    ],
    [
      'a lone surrogate',
      (l) => l.leads.create({ fields: { ...details, name: 'Ada \ud800' } }, acting()),
      'fields.name',
      'well-formed-unicode',
    ],
    [
      'text over its bound',
      (l) => l.leads.create({ fields: { ...details, name: 'x'.repeat(201) } }, acting()),
      'fields.name',
      'length-max:200',
    ],
    [
      'a lead id given as an array',
      (l) => l.leads.logNote({ leadId: ['x'] as never, text: 'hi' }, acting()),
      'leadId',
      'must-be-string',
    ],
    [
      'a lead id of the wrong shape',
      (l) => l.leads.logNote({ leadId: LeadId('a b/c'), text: 'hi' }, acting()),
      'leadId',
      'id-shape',
    ],
    [
      'an actor without a user id',
      (l) => l.leads.create({ fields: details }, { actor: { ...owner, userId: undefined as never } }),
      'acting.actor.userId',
      'required',
    ],
    [
      'metadata that is not JSON',
      (l) => l.leads.create({ fields: details }, acting(owner, { metadata: { n: Number.NaN } })),
      'acting.metadata.n',
      'shape',
    ],
    [
      'an expected revision below zero',
      (l) => l.leads.logNote({ leadId: LeadId('l1'), text: 'hi' }, acting(owner, { expectedRevision: -1n })),
      'acting.expectedRevision',
      'value-min:0',
    ],
    [
      'an expected revision that is not a bigint',
      (l) => l.leads.logNote({ leadId: LeadId('l1'), text: 'hi' }, acting(owner, { expectedRevision: 3 as never })),
      'acting.expectedRevision',
      'must-be-bigint',
    ],
    [
      'money of the wrong shape',
      (l) =>
        l.leads.create({ fields: { ...details, estimatedValue: { amountMinor: 1.5, currency: 'EUR' } } }, acting()),
      'fields.estimatedValue.amountMinor',
      'must-be-int',
    ],
    [
      'an instant that is not one',
      (l) => l.leads.scheduleNextCall({ leadId: LeadId('l1'), at: 'tomorrow' }, acting()),
      'at',
      'iso-8601-instant',
    ],
    [
      'a query with an invalid date',
      (l) => l.queries.searchLeads({ viewer: owner, now: new Date('nope') }),
      'now',
      'must-be-date',
    ],
    [
      'an email template with a control character',
      (l) => l.email.send({ leadIds: [LeadId('l1')], template: { subject: 'Hi\u001b[2J', body: 'x' } }, acting()),
      'template.subject',
      'no-control-characters',
    ],
    [
      'an email send with an unknown field',
      (l) => l.email.send({ leadIds: [], template: { subject: 'Hi', body: 'x' }, cc: 'x' } as never, acting()),
      'cc',
      'unknown-field',
    ],
    [
      'an opt-out for a lead id of the wrong shape',
      (l) => l.email.optOut({ leadId: LeadId('a b') }, acting()),
      'leadId',
      'id-shape',
    ],
    [
      'a query naming an organisation',
      (l) => l.queries.claimPool({ viewer: owner, orgId: 'x' } as never),
      'orgId',
      'unknown-field',
    ],
  ];

  it.each(refusals)(
    'refuses %s, naming the field and the rule, and writes nothing',
    async (_what, call, field, rule) => {
      const { leadline, store } = await openWithOrganisation(await open());
      const before = await dump(store);
      const refusal = await call(leadline).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toMatchObject({ code: 'VALIDATION_FAILED', field, rule });
      expect(await dump(store)).toBe(before);
      await leadline.close();
    },
  );

  it('stores text NFC-normalised, so the same name typed two ways is one name', async () => {
    const { leadline, store } = await openWithOrganisation(await open());
    const decomposed = 'Zoe\u0308 A\u030alander';
    const created = await leadline.leads.create({ fields: { ...details, name: decomposed } }, acting());
    expect(created.events[0]?.data).toMatchObject({ name: 'Zoë Ålander' });
    expect(decomposed.normalize('NFC')).toBe('Zoë Ålander');
    await leadline.close();
    await store.dispose();
  });

  it('refuses a CSV row holding a control character as a row error, and imports the others (a NUL refuses the whole file: docs/intake.md)', async () => {
    const { leadline } = await openWithOrganisation(await open());
    const report = await leadline.intake.importCsv(
      {
        text: 'Name,Email,Source\nGood,good@example.com,Website\nBad\u0007,bad@example.com,Website\nWorse,w@example.com,Web\u001bsite\n',
      },
      { acting: acting() },
    );
    expect(report.created).toBe(1);
    expect(report.errors.map((error) => [error.row, error.field, error.rule])).toEqual([
      [3, 'name', 'no-control-characters'],
      [4, 'source', 'no-control-characters'],
    ]);
    await leadline.close();
  });
});

describe('issue paths', () => {
  it('reads as people write them', () => {
    expect(fieldPath('', ['details', 'customFields', 'size'])).toBe('details.customFields.size');
    expect(fieldPath('leadIds', [3])).toBe('leadIds[3]');
    expect(fieldPath('acting', ['actor', 'permissions', 0])).toBe('acting.actor.permissions[0]');
  });

  it('names a refused web form definition at once', async () => {
    const { createMemoryEventStore } = await import('@leadline/eventstore');
    const { leadline } = await openWithOrganisation(createMemoryEventStore());
    const actor: Actor = { ...owner, userId: UserId('form') };
    expect(() =>
      leadline.intake.webFormHandler({
        formId: 'contact',
        actor,
        fields: { a: 'nonsense' as never },
        source: 'Website',
      }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'form.fields.a' }));
    await leadline.close();
  });
});
