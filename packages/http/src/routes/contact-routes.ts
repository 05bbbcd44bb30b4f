// The person behind a lead or a client record: erasure (crypto-shredding), the right of access, and the retention job.
import { ContactInputSchemas as p } from 'leadline';
import { command, read, type Route } from './route.js';

export const CONTACT_ROUTES: readonly Route[] = [
  command({
    method: 'POST',
    path: '/contacts/erasures',
    entry: 'contacts.erase',
    summary:
      "Erase a person (by leadId, clientId, email or phone, with a reason): the lead's or client record's key is deleted and every personal value reads [erased]. Admin Organisation.",
    schema: p.erase,
    run: (leadline, input, acting) => leadline.contacts.erase(input, acting),
  }),
  command({
    method: 'POST',
    path: '/contacts/exports',
    entry: 'contacts.export',
    summary: 'Everything held about the person behind one lead, as JSON (right of access).',
    schema: p.export,
    run: (leadline, input, acting) => leadline.contacts.export(input, acting),
  }),
  command({
    method: 'POST',
    path: '/contacts/client-exports',
    entry: 'contacts.exportClient',
    summary: 'Everything held about the person behind one client record, as JSON (right of access).',
    schema: p.exportClient,
    run: (leadline, input, acting) => leadline.contacts.exportClient(input, acting),
  }),
  command({
    method: 'POST',
    path: '/contacts/retention',
    entry: 'contacts.applyRetention',
    summary:
      "Erase every lead of the organisation lost more than `lostLeadsAfterMonths` ago (the organisation's policy when left out); safe to repeat.",
    schema: p.applyRetention,
    run: (leadline, input, acting) => leadline.contacts.applyRetention(input, acting),
  }),
  command({
    method: 'PUT',
    path: '/contacts/retention-policy',
    entry: 'contacts.setRetentionPolicy',
    summary:
      "Set the organisation's retention policy (`lostLeadsAfterMonths`, 1 to 1200, or null to switch it off); the retention worker applies it. Admin Organisation.",
    schema: p.setRetentionPolicy,
    run: (leadline, input, acting) => leadline.contacts.setRetentionPolicy(input, acting),
  }),
  read({
    path: '/contacts/retention-policy',
    entry: 'contacts.retentionPolicy',
    summary: "The organisation's retention policy (`lostLeadsAfterMonths`, null when none). Admin Organisation.",
    subject: 'retention policy',
    run: ({ leadline, actor }) => leadline.contacts.retentionPolicy(actor),
  }),
];
