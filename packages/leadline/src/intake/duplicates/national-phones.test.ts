// Duplicate detection and search read phones with one normalisation (libphonenumber-js through the
// domain's normalisePhone): an Italian number's leading 0 is part of the number, so "06 1234 5678" typed
// in an Italian organisation is "+39 06 1234 5678", and a search typed the national way finds it.
import { afterEach, describe, expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, LeadId, OrgId, UserId, type Actor } from '@leadline/domain';
import { createMemoryEventStore } from '@leadline/eventstore';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { createLeadline, type Leadline } from '../../leadline.js';
import { createManualClock } from '../../testing/manual-clock.js';

const admin: Actor = { userId: UserId('ada-admin'), orgId: OrgId('roma'), kind: 'user', permissions: ALL_PERMISSIONS };

describe('Italian phones in an organisation whose default country calling code is 39', () => {
  let leadline: Leadline;
  afterEach(async () => leadline.close());

  const open = async (): Promise<Leadline> => {
    leadline = createLeadline({
      store: createMemoryEventStore(),
      readModels: openSqliteReadModelStore({ file: ':memory:' }),
      clock: createManualClock(),
    });
    await leadline.organisations.create(
      { name: 'Roma', settings: { defaultCountryCallingCode: '39' } },
      { actor: admin },
    );
    await leadline.workers.start();
    return leadline;
  };

  it('stores the national form with its significant 0, and finds the +39 form a duplicate of it', async () => {
    const leadline = await open();
    const first = await leadline.leads.create(
      { leadId: LeadId('giulia'), fields: { name: 'Giulia', phone: '06 1234 5678', source: 'Website' } },
      { actor: admin },
    );
    expect(first.outcome === 'created' && first.events[0]?.data).toMatchObject({ phone: '+390612345678' });
    const second = await leadline.leads.create(
      { leadId: LeadId('giulia-2'), fields: { name: 'G. Rossi', phone: '+39 06 1234 5678', source: 'Website' } },
      { actor: admin },
    );
    expect(
      second.outcome === 'duplicates' && second.candidates.map((candidate) => [candidate.leadId, candidate.matchedOn]),
    ).toEqual([['giulia', ['phone']]]);
    // Another Rome number is no duplicate: the old parser's dropped 0 is not what makes numbers equal.
    const other = await leadline.leads.create(
      { leadId: LeadId('marco'), fields: { name: 'Marco', phone: '06 1234 5679', source: 'Website' } },
      { actor: admin },
    );
    expect(other.outcome).toBe('created');
    expect(
      (await leadline.intake.findDuplicates({ phone: '0039 06 1234 5678' }, { actor: admin })).map((c) => c.leadId),
    ).toEqual(['giulia']);
  });

  it("searches a national number with the organisation's default country calling code", async () => {
    const leadline = await open();
    await leadline.leads.create(
      { leadId: LeadId('giulia'), fields: { name: 'Giulia', phone: '+39 06 1234 5678', source: 'Website' } },
      { actor: admin },
    );
    await leadline.workers.settled();
    const found = await leadline.queries.searchLeads({ viewer: admin, text: '06 1234 5678' });
    expect(found.items.map((hit) => hit.leadId)).toEqual(['giulia']);
    const byPhone = await leadline.queries.searchLeads({ viewer: admin, phone: '06-12345678' });
    expect(byPhone.items.map((hit) => hit.leadId)).toEqual(['giulia']);
    // A code given with the query wins: read as a UK number, it is another number.
    const asUk = await leadline.queries.searchLeads({ viewer: admin, phone: '06 1234 5678', defaultCallingCode: '44' });
    expect(asUk.items).toEqual([]);
  });
});
