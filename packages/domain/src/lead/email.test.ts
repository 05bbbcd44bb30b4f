import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkEmailTemplate, renderEmailTemplate } from '../email/template.js';
import { DomainErrorCode } from '../shared/errors.js';
import { EmailId, LeadId, MergeId } from '../shared/ids.js';
import { Permission } from '../shared/permissions.js';
import { aContext, aLeadCreated, anActor, ALICE, LEAD, leadSpec } from '../testing/index.js';
import type { EmailQueued } from './email-events.js';
import type { LeadEvent } from './events.js';
import type { QueueEmail } from './email-commands.js';

const { given } = leadSpec;
const context = aContext();
const EMAIL = EmailId('email-1');
const MESSAGE_ID = '<email-1@leadline.test>';
const queue: QueueEmail = {
  type: 'QueueEmail',
  leadId: LEAD,
  emailId: EMAIL,
  messageId: MESSAGE_ID,
  template: { subject: 'Hello {{name}}', body: 'Dear {{ name }} of {{company}}, we have {{email}} on file.' },
};
const queued: EmailQueued = {
  type: 'EmailQueued',
  data: {
    leadId: LEAD,
    emailId: EMAIL,
    messageId: MESSAGE_ID,
    to: 'ada@example.com',
    subject: 'Hello Ada Lovelace',
    body: 'Dear Ada Lovelace of Analytical Engines, we have ada@example.com on file.',
  },
};
const created = aLeadCreated({ company: 'Analytical Engines' });
const attempted = (attempt: number): LeadEvent => ({
  type: 'EmailSendAttempted',
  data: { leadId: LEAD, emailId: EMAIL, attempt },
});
const failed = (attempt: number, retryAt: string | null): LeadEvent => ({
  type: 'EmailSendFailed',
  data: { leadId: LEAD, emailId: EMAIL, attempt, error: '421 try later', retryAt },
});
const record = { leadId: LEAD, emailId: EMAIL } as const;

describe('queueing an email', () => {
  it('records the email with the merge fields filled from the lead', () => {
    given([created]).when(queue, context).then([queued]);
  });

  it('fills an empty field with nothing', () => {
    given([aLeadCreated()])
      .when({ ...queue, template: { subject: 'Hi', body: '[{{company}}]' } }, context)
      .then([{ type: 'EmailQueued', data: { ...queued.data, subject: 'Hi', body: '[]' } }]);
  });

  it('decides nothing for an email id already queued (a retried send)', () => {
    given([created, queued]).when(queue, context).thenNothing();
  });

  it('refuses an unknown merge field, naming it and the part of the template', () => {
    const error = given([created])
      .when({ ...queue, template: { subject: 'Hi {{firstName}}', body: 'ok' } }, context)
      .thenThrows(DomainErrorCode.Validation, 'template.subject', 'known-merge-field');
    expect(error.message).toContain('{{firstName}}');
  });

  it('refuses a lead without an email address, and one who opted out', () => {
    given([aLeadCreated({ email: null })])
      .when(queue, context)
      .thenThrows(DomainErrorCode.EmailNotSendable, 'leadId', 'has-email');
    given([created, { type: 'EmailOptedOut', data: { leadId: LEAD, reason: null } }])
      .when(queue, context)
      .thenThrows(DomainErrorCode.EmailNotSendable, 'leadId', 'not-opted-out');
  });

  it('refuses a blank template and a malformed Message-ID', () => {
    given([created])
      .when({ ...queue, template: { subject: ' ', body: 'x' } }, context)
      .thenThrows(DomainErrorCode.Validation, 'template.subject', 'required');
    given([created])
      .when({ ...queue, messageId: 'email-1' }, context)
      .thenThrows(DomainErrorCode.Validation, 'messageId', 'message-id');
  });

  it('needs the Edit Leads permission', () => {
    given([created])
      .when(queue, aContext({ actor: anActor(ALICE, [Permission.ViewAllLeads]) }))
      .thenThrows(DomainErrorCode.PermissionDenied);
  });
});

describe('opting out of email', () => {
  it('records the opt-out once', () => {
    given([created])
      .when({ type: 'OptOutOfEmail', leadId: LEAD, reason: 'Asked by phone' }, context)
      .then([{ type: 'EmailOptedOut', data: { leadId: LEAD, reason: 'Asked by phone' } }]);
    given([created, { type: 'EmailOptedOut', data: { leadId: LEAD, reason: null } }])
      .when({ type: 'OptOutOfEmail', leadId: LEAD }, context)
      .thenNothing();
  });
});

describe("the outbox's record of an email", () => {
  it('records attempt 1, then the send', () => {
    given([created, queued])
      .when({ type: 'RecordEmailAttempt', ...record, attempt: 1 }, context)
      .then([attempted(1)]);
    given([created, queued, attempted(1)])
      .when({ type: 'RecordEmailSent', ...record, attempt: 1 }, context)
      .then([{ type: 'EmailSent', data: { ...record, messageId: MESSAGE_ID, attempt: 1 } }]);
  });

  it('decides nothing for an attempt already recorded: the dispatcher that loses the race does not send', () => {
    given([created, queued, attempted(1)])
      .when({ type: 'RecordEmailAttempt', ...record, attempt: 1 }, context)
      .thenNothing();
  });

  it('takes the next attempt after a failure with a retry, none after a final failure or a send', () => {
    given([created, queued, attempted(1), failed(1, '2026-01-05T09:01:00.000Z')])
      .when({ type: 'RecordEmailAttempt', ...record, attempt: 2 }, context)
      .then([attempted(2)]);
    given([created, queued, attempted(1), failed(1, null)])
      .when({ type: 'RecordEmailAttempt', ...record, attempt: 2 }, context)
      .thenNothing();
    given([
      created,
      queued,
      attempted(1),
      { type: 'EmailSent', data: { ...record, messageId: MESSAGE_ID, attempt: 1 } },
    ])
      .when({ type: 'RecordEmailAttempt', ...record, attempt: 2 }, context)
      .thenNothing();
  });

  it('records one outcome per attempt', () => {
    given([created, queued, attempted(1), failed(1, null)])
      .when({ type: 'RecordEmailSent', ...record, attempt: 1 }, context)
      .thenNothing();
    given([created, queued, attempted(1)])
      .when({ type: 'RecordEmailFailure', ...record, attempt: 1, error: '421 try later', retryAt: null }, context)
      .then([failed(1, null)]);
  });

  it('refuses an unknown email, a skipped attempt and a bad retry time', () => {
    given([created])
      .when({ type: 'RecordEmailAttempt', ...record, attempt: 1 }, context)
      .thenThrows(DomainErrorCode.NotFound, 'emailId');
    given([created, queued])
      .when({ type: 'RecordEmailAttempt', ...record, attempt: 3 }, context)
      .thenThrows(DomainErrorCode.Validation, 'attempt', 'next-attempt');
    given([created, queued, attempted(1)])
      .when({ type: 'RecordEmailFailure', ...record, attempt: 1, error: 'x', retryAt: 'soon' }, context)
      .thenThrows(DomainErrorCode.Validation, 'retryAt');
  });

  it('records the outcome of a send even after the lead was merged away', () => {
    const merged: LeadEvent = {
      type: 'LeadMerged',
      data: { leadId: LEAD, side: 'absorbed', mergeId: MergeId('m-1'), survivorId: LeadId('lead-9') },
    };
    given([created, queued, attempted(1), merged])
      .when({ type: 'RecordEmailSent', ...record, attempt: 1 }, context)
      .then([{ type: 'EmailSent', data: { ...record, messageId: MESSAGE_ID, attempt: 1 } }]);
  });
});

describe('email templates', () => {
  it('leave text without merge fields as it is, and fill every known field', () => {
    fc.assert(
      fc.property(
        fc.string().filter((text) => !text.includes('{{') && text.trim() === text && text !== ''),
        (text) => {
          const template = checkEmailTemplate({ subject: text, body: text });
          expect(renderEmailTemplate(template, created.data)).toEqual({ subject: text, body: text });
        },
      ),
    );
    const all = checkEmailTemplate({ subject: 'x', body: '{{name}}|{{company}}|{{email}}|{{phone}}|{{source}}' });
    expect(renderEmailTemplate(all, created.data).body).toBe(
      'Ada Lovelace|Analytical Engines|ada@example.com|+442079460958|Referral',
    );
  });

  it('list every unknown field in both parts at once', () => {
    expect(() => checkEmailTemplate({ subject: '{{a}}', body: '{{b}} {{name}}' })).toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({ field: 'template.subject', rule: 'known-merge-field' }),
          expect.objectContaining({ field: 'template.body', rule: 'known-merge-field' }),
        ],
      }),
    );
  });
});
