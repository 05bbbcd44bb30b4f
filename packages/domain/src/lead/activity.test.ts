import { describe, it } from '@jest/globals';
import { DomainErrorCode } from '../shared/errors.js';
import { JourneyStepId, NoteId } from '../shared/ids.js';
import type { CustomFieldDefinition } from '../shared/values.js';
import { aContext, aLeadCreated, LEAD, leadSpec, NOW } from '../testing/index.js';

const { given } = leadSpec;
const context = aContext();
const update = (fields: object) => ({ type: 'UpdateLeadDetails', leadId: LEAD, fields }) as const;
const FIELDS: readonly CustomFieldDefinition[] = [
  { key: 'employees', label: 'Employees', type: 'number' },
  { key: 'industry', label: 'Industry', type: 'select', options: ['Retail', 'Software'], required: true },
];
const withFields = aContext({ settings: { customFields: FIELDS } });

describe('updating details', () => {
  it('records only what changed, normalised', () => {
    given([aLeadCreated()])
      .when(
        update({ name: 'Ada Lovelace', email: 'ADA@example.com ', company: ' Analytical Engines ', rating: ' HOT ' }),
        context,
      )
      .then([
        {
          type: 'LeadDetailsUpdated',
          data: { leadId: LEAD, changes: { company: 'Analytical Engines', rating: 'hot' }, customFields: {} },
        },
      ]);
  });

  it('decides nothing when nothing changes', () => {
    given([aLeadCreated()])
      .when(update({ email: 'ada@example.com', phone: '+44 20 7946 0958' }), context)
      .thenNothing();
  });

  it('clears an email while a phone remains, but never both', () => {
    given([aLeadCreated()])
      .when(update({ email: null }), context)
      .then([{ type: 'LeadDetailsUpdated', data: { leadId: LEAD, changes: { email: null }, customFields: {} } }]);
    given([aLeadCreated()])
      .when(update({ email: null, phone: ' ' }), context)
      .thenThrows(DomainErrorCode.Validation, 'email', 'email-or-phone');
  });

  it('refuses a blank name, an unknown source, a bad amount and a bad date', () => {
    given([aLeadCreated()])
      .when(update({ name: '' }), context)
      .thenThrows(DomainErrorCode.Validation, 'name', 'required');
    given([aLeadCreated()])
      .when(update({ source: 'Fax' }), context)
      .thenThrows(DomainErrorCode.Validation, 'source', 'known-source');
    given([aLeadCreated()])
      .when(update({ estimatedValue: { amountMinor: 10.5, currency: 'eur' } }), context)
      .thenThrows(DomainErrorCode.Validation, 'estimatedValue.amountMinor');
    given([aLeadCreated()])
      .when(update({ expectedSaleDate: '2026-02-30' }), context)
      .thenThrows(DomainErrorCode.Validation, 'expectedSaleDate', 'date-format');
  });

  it('records opportunity details: rating, value with currency, sale date', () => {
    given([aLeadCreated()])
      .when(
        update({ estimatedValue: { amountMinor: 500_000, currency: 'gbp' }, expectedSaleDate: '2026-06-30' }),
        context,
      )
      .then([
        {
          type: 'LeadDetailsUpdated',
          data: {
            leadId: LEAD,
            changes: { estimatedValue: { amountMinor: 500_000, currency: 'GBP' }, expectedSaleDate: '2026-06-30' },
            customFields: {},
          },
        },
      ]);
  });

  it("sets and removes custom fields by the organisation's definitions", () => {
    given([aLeadCreated({ customFields: { industry: 'Retail' } })])
      .when(update({ customFields: { employees: '42', industry: 'software' } }), withFields)
      .then([
        {
          type: 'LeadDetailsUpdated',
          data: { leadId: LEAD, changes: {}, customFields: { employees: 42, industry: 'Software' } },
        },
      ]);
    given([aLeadCreated({ customFields: { employees: 3, industry: 'Retail' } })])
      .when(update({ customFields: { employees: null } }), withFields)
      .then([{ type: 'LeadDetailsUpdated', data: { leadId: LEAD, changes: {}, customFields: { employees: null } } }]);
  });

  it('refuses unknown custom fields, wrong types and removing a required one', () => {
    given([aLeadCreated()])
      .when(update({ customFields: { shoeSize: 9 } }), withFields)
      .thenThrows(DomainErrorCode.Validation, 'customFields.shoeSize', 'unknown-field');
    given([aLeadCreated()])
      .when(update({ customFields: { employees: 'many' } }), withFields)
      .thenThrows(DomainErrorCode.Validation, 'customFields.employees', 'must-be-number');
    given([aLeadCreated()])
      .when(update({ customFields: { industry: 'Mining' } }), withFields)
      .thenThrows(DomainErrorCode.Validation, 'customFields.industry', 'must-be-option');
    given([aLeadCreated()])
      .when(update({ customFields: { industry: null } }), withFields)
      .thenThrows(DomainErrorCode.Validation, 'customFields.industry', 'required');
  });

  it('bounds the notes', () => {
    given([aLeadCreated()])
      .when(update({ notes: 'x'.repeat(5001) }), context)
      .thenThrows(DomainErrorCode.Validation, 'notes', 'max-length:5000');
  });
});

describe('next call, notes and journey steps', () => {
  it('schedules a next call in the future, stored in UTC', () => {
    given([aLeadCreated()])
      .when({ type: 'ScheduleNextCall', leadId: LEAD, at: '2026-03-03T10:00:00+01:00', note: 'Budget' }, context)
      .then([{ type: 'NextCallScheduled', data: { leadId: LEAD, at: '2026-03-03T09:00:00.000Z', note: 'Budget' } }]);
  });

  it('refuses a past or malformed time', () => {
    given([aLeadCreated()])
      .when({ type: 'ScheduleNextCall', leadId: LEAD, at: NOW.toISOString() }, context)
      .thenThrows(DomainErrorCode.Validation, 'at', 'must-be-future');
    given([aLeadCreated()])
      .when({ type: 'ScheduleNextCall', leadId: LEAD, at: 'tomorrow' }, context)
      .thenThrows(DomainErrorCode.Validation, 'at', 'iso-8601-instant');
  });

  it('clears a scheduled call, and decides nothing when none is scheduled', () => {
    const scheduled = {
      type: 'NextCallScheduled',
      data: { leadId: LEAD, at: '2026-03-03T09:00:00.000Z', note: null },
    } as const;
    given([aLeadCreated(), scheduled])
      .when({ type: 'ScheduleNextCall', leadId: LEAD, at: null }, context)
      .then([{ type: 'NextCallScheduled', data: { leadId: LEAD, at: null, note: null } }]);
    given([aLeadCreated()]).when({ type: 'ScheduleNextCall', leadId: LEAD, at: null }, context).thenNothing();
  });

  it('logs a note with its call outcome', () => {
    given([aLeadCreated()])
      .when(
        { type: 'LogNote', leadId: LEAD, noteId: NoteId('n1'), text: ' Left a message ', outcome: 'LEFT_VOICEMAIL' },
        context,
      )
      .then([
        {
          type: 'NoteLogged',
          data: { leadId: LEAD, noteId: NoteId('n1'), text: 'Left a message', outcome: 'LEFT_VOICEMAIL' },
        },
      ]);
  });

  it('refuses an empty or oversized note and an unknown outcome', () => {
    given([aLeadCreated()])
      .when({ type: 'LogNote', leadId: LEAD, noteId: NoteId('n1'), text: '' }, context)
      .thenThrows(DomainErrorCode.Validation, 'text', 'required');
    given([aLeadCreated()])
      .when({ type: 'LogNote', leadId: LEAD, noteId: NoteId('n1'), text: 'x'.repeat(5001) }, context)
      .thenThrows(DomainErrorCode.Validation, 'text');
    given([aLeadCreated()])
      .when({ type: 'LogNote', leadId: LEAD, noteId: NoteId('n1'), text: 'Hi', outcome: 'MAYBE' as never }, context)
      .thenThrows(DomainErrorCode.Validation, 'outcome', 'known-outcome');
  });

  it('records a custom journey step, with a bounded label', () => {
    given([aLeadCreated()])
      .when(
        {
          type: 'RecordJourneyStep',
          leadId: LEAD,
          stepId: JourneyStepId('s1'),
          label: 'Demo given',
          description: 'On site',
        },
        context,
      )
      .then([
        {
          type: 'JourneyStepRecorded',
          data: { leadId: LEAD, stepId: JourneyStepId('s1'), label: 'Demo given', description: 'On site' },
        },
      ]);
    given([aLeadCreated()])
      .when({ type: 'RecordJourneyStep', leadId: LEAD, stepId: JourneyStepId('s1'), label: 'x'.repeat(201) }, context)
      .thenThrows(DomainErrorCode.Validation, 'label', 'max-length:200');
  });

  it('takes a step id once: the same step again records nothing, other content under it is refused', () => {
    const recorded = {
      type: 'JourneyStepRecorded' as const,
      data: { leadId: LEAD, stepId: JourneyStepId('s1'), label: 'Demo given', description: null },
    };
    given([aLeadCreated(), recorded])
      .when({ type: 'RecordJourneyStep', leadId: LEAD, stepId: JourneyStepId('s1'), label: ' Demo given ' }, context)
      .thenNothing();
    given([aLeadCreated(), recorded])
      .when({ type: 'RecordJourneyStep', leadId: LEAD, stepId: JourneyStepId('s1'), label: 'Contract sent' }, context)
      .thenThrows(DomainErrorCode.AlreadyExists, 'stepId', 'unique-step-id');
    given([aLeadCreated(), recorded])
      .when(
        { type: 'RecordJourneyStep', leadId: LEAD, stepId: JourneyStepId('s1'), label: 'Demo given', description: 'x' },
        context,
      )
      .thenThrows(DomainErrorCode.AlreadyExists, 'stepId', 'unique-step-id');
  });
});
