// Lead fields as an organisation admin and a rep meet them: custom fields defined, changed and retired
// as events, validated on every lead, and the layout of the lead page honoured by leads.get.
import { afterEach, describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, OrgId, Permission, UserId, type Actor } from '@leadline/domain';
import { createMemoryEventStore } from '@leadline/eventstore';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { createLeadline, type Leadline } from '../leadline.js';
import { createManualClock } from '../testing/manual-clock.js';

const ACME = OrgId('acme');
const admin: Actor = { userId: UserId('ada-admin'), orgId: ACME, kind: 'user', permissions: ALL_PERMISSIONS };
const rep: Actor = {
  userId: UserId('rob-rep'),
  orgId: ACME,
  kind: 'user',
  permissions: [Permission.CreateLeads, Permission.ViewLeads, Permission.EditLeads, Permission.ManageLeads],
};

describe('lead fields and their layout', () => {
  let leadline: Leadline;
  afterEach(async () => leadline.close());

  const open = async (): Promise<Leadline> => {
    leadline = createLeadline({
      store: createMemoryEventStore(),
      readModels: openSqliteReadModelStore({ file: ':memory:' }),
      clock: createManualClock(),
    });
    await leadline.organisations.create({ name: 'Acme' }, { actor: admin });
    await leadline.organisations.defineField(
      { field: { key: 'tier', label: 'Tier', type: 'select', options: ['Gold', 'Silver'], required: true } },
      { actor: admin },
    );
    await leadline.organisations.defineField(
      { field: { key: 'channels', label: 'Channels', type: 'multiselect', options: ['Email', 'Phone', 'Post'] } },
      { actor: admin },
    );
    await leadline.workers.start();
    return leadline;
  };
  const lead = { name: 'Ada', email: 'ada@example.com', source: 'Website' };

  it('validates custom values on create and update, naming the field and the rule', async () => {
    await open();
    await expect(leadline.leads.create({ fields: lead }, { actor: rep })).rejects.toMatchObject({
      field: 'customFields.tier',
      rule: 'required',
    });
    await expect(
      leadline.leads.create({ fields: { ...lead, customFields: { tier: 'Bronze' } } }, { actor: rep }),
    ).rejects.toMatchObject({ field: 'customFields.tier', rule: 'must-be-option' });
    const created = await leadline.leads.create(
      { ownerId: rep.userId, fields: { ...lead, customFields: { tier: 'gold', channels: ['Post', 'Email'] } } },
      { actor: rep },
    );
    expect(created.outcome).toBe('created');
    await expect(
      leadline.leads.update({ leadId: created.leadId, fields: { customFields: { tier: null } } }, { actor: rep }),
    ).rejects.toMatchObject({ field: 'customFields.tier', rule: 'required' });
    await leadline.workers.settled();
    const page = await leadline.leads.get({ viewer: rep, leadId: created.leadId });
    expect(page?.customFields).toEqual({ tier: 'Gold', channels: ['Email', 'Post'] });
  });

  it('changes and retires fields as events; a retired field takes no values and is required no more', async () => {
    await open();
    const changed = await leadline.organisations.changeField(
      { key: 'tier', changes: { label: 'Customer tier', options: ['Gold', 'Silver', 'Bronze'] } },
      { actor: admin },
    );
    expect(changed.events.map((event) => event.type)).toEqual(['CustomFieldChanged']);
    await leadline.organisations.retireField({ key: 'tier' }, { actor: admin });
    const created = await leadline.leads.create({ fields: lead }, { actor: rep });
    expect(created.outcome).toBe('created');
    await expect(
      leadline.leads.create(
        { fields: { ...lead, email: 'b@example.com', customFields: { tier: 'Gold' } } },
        { actor: rep },
      ),
    ).rejects.toMatchObject({ field: 'customFields.tier', rule: 'retired-field' });
    const organisation = await leadline.organisations.get(admin);
    expect(organisation?.settings.customFields.find((field) => field.key === 'tier')).toMatchObject({
      label: 'Customer tier',
      retired: true,
    });
    await expect(
      leadline.organisations.defineField({ field: { key: 'x', label: 'X', type: 'text' } }, { actor: rep }),
    ).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
  });

  it('lays out the lead page as the organisation set it: sections in order, hidden fields left out', async () => {
    await open();
    await leadline.organisations.setFieldLayout(
      {
        layout: {
          sections: [
            { name: 'Deal', fields: ['tier', 'estimatedValue'] },
            { name: 'Contact', fields: ['name', 'email', 'phone'] },
          ],
          hidden: ['notes', 'rating', 'phone'],
        },
      },
      { actor: admin },
    );
    const created = await leadline.leads.create(
      { ownerId: rep.userId, fields: { ...lead, customFields: { tier: 'Silver' } } },
      { actor: rep },
    );
    await leadline.workers.settled();
    const page = await leadline.leads.get({ viewer: rep, leadId: created.leadId });
    expect(page?.sections.map((section) => [section.name, section.fields.map((field) => field.key)])).toEqual([
      ['Deal', ['tier', 'estimatedValue']],
      ['Contact', ['name', 'email']],
      ['More', ['company', 'source', 'expectedSaleDate', 'channels']],
    ]);
    expect(page?.sections[0]?.fields[0]).toEqual({ key: 'tier', label: 'Tier', kind: 'custom', value: 'Silver' });
    await expect(
      leadline.organisations.setFieldLayout({ layout: { sections: [], hidden: ['name'] } }, { actor: admin }),
    ).rejects.toMatchObject({ field: 'layout.hidden.0', rule: 'not-required' });
    await expect(
      leadline.organisations.setFieldLayout({ layout: { sections: 'x' } } as never, { actor: admin }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
