// Mass email as a user drives it, against a real SMTP server started here (smtp-server on 127.0.0.1).
import { afterEach, describe, expect, it } from '@jest/globals';
import { DomainErrorCode, LeadId } from '@leadline/domain';
import { createMemoryEventStore, type EventStore, type RecordedEvent } from '@leadline/eventstore';
import { openSqliteReadModelStore } from '@leadline/sqlite';
import { ACME, admin, as, manager } from '../e2e/actors.js';
import { createLeadline, type Leadline } from '../leadline.js';
import { createManualClock, type ManualClock } from '../testing/manual-clock.js';
import { IN_DOUBT_ERROR } from '../workers/email-outbox/outbox-dispatcher.js';
import { createSmtpTransport } from './smtp-transport.js';
import { startSmtpTestServer, type SmtpTestServer } from './test-support/smtp-test-server.js';
import type { EmailTransport } from './transport.js';

const SECOND = 1000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

const template = { subject: 'Hello {{name}}', body: 'Dear {{name}},\nhow is {{company}} doing?\n-- Mia' };

async function server(): Promise<SmtpTestServer> {
  const smtp = await startSmtpTestServer();
  cleanups.push(() => smtp.close());
  return smtp;
}

function open(store: EventStore, clock: ManualClock, transport: EmailTransport): Leadline {
  const leadline = createLeadline({
    store,
    readModels: openSqliteReadModelStore({ file: ':memory:' }),
    clock,
    timers: clock,
    disposeStores: false,
    email: { transport, from: 'mia@acme.example', retry: { maxAttempts: 3, baseDelayMs: 10 * SECOND } },
  });
  cleanups.push(() => leadline.close());
  return leadline;
}

async function setUp(transport: (smtp: SmtpTestServer) => EmailTransport) {
  const smtp = await server();
  const store = createMemoryEventStore();
  const clock = createManualClock('2026-01-05T09:00:00.000Z');
  const leadline = open(store, clock, transport(smtp));
  await leadline.organisations.create({ orgId: ACME, name: 'Acme' }, { actor: admin });
  const lead = async (id: string, details: { email?: string | null; phone?: string; company?: string }) => {
    await leadline.leads.create(
      { leadId: LeadId(id), fields: { name: `Lead ${id}`, source: 'Website', ...details } },
      as(manager),
    );
    return LeadId(id);
  };
  return { smtp, store, clock, leadline, lead };
}

const smtpOf = (smtp: SmtpTestServer): EmailTransport => createSmtpTransport({ url: smtp.url, timeoutMs: 5 * SECOND });

async function typesOf(store: EventStore, leadId: string): Promise<string[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(`lead-${leadId}`)) events.push(event);
  return events.map((event) => event.type).filter((type) => type.startsWith('Email'));
}

describe('mass email through the outbox', () => {
  it('sends one message per lead with the merge fields filled, and the journey shows queued and sent', async () => {
    const { smtp, store, leadline, lead } = await setUp(smtpOf);
    const ada = await lead('ada', { email: 'ada@example.com', company: 'Analytical Engines' });
    const bob = await lead('bob', { email: 'bob@example.com' });
    await leadline.workers.start();
    const result = await leadline.email.send({ leadIds: [ada, bob, ada], template }, as(manager));
    expect(result.skipped).toEqual([]);
    expect(result.queued.map((email) => email.leadId)).toEqual([ada, bob]);
    await leadline.workers.settled();

    const byTo = Object.fromEntries(smtp.received.map((message) => [message.to.join(), message]));
    expect(byTo['ada@example.com']).toMatchObject({
      from: 'mia@acme.example',
      subject: 'Hello Lead ada',
      text: 'Dear Lead ada,\r\nhow is Analytical Engines doing?\r\n-- Mia',
      messageId: result.queued[0]?.messageId,
    });
    expect(byTo['bob@example.com']?.text).toBe('Dear Lead bob,\r\nhow is  doing?\r\n-- Mia');
    expect(result.queued[0]?.messageId).toBe(`<email-${result.queued[0]?.emailId ?? ''}@acme.example>`);
    expect(await typesOf(store, ada)).toEqual(['EmailQueued', 'EmailSendAttempted', 'EmailSent']);
    const journey = await leadline.queries.journey({ leadId: ada, viewer: manager });
    expect(journey.slice(-3).map((step) => `${step.actorId}: ${step.summary}`)).toEqual([
      'mia-manager: Email queued to ada@example.com: "Hello Lead ada"',
      `system:email-outbox: Email ${result.queued[0]?.emailId ?? ''}: sending, attempt 1`,
      `system:email-outbox: Email ${result.queued[0]?.emailId ?? ''} sent (attempt 1)`,
    ]);
  });

  it('reports and skips leads without an email, opted out, or unknown; an unknown merge field writes nothing', async () => {
    const { smtp, store, leadline, lead } = await setUp(smtpOf);
    const ada = await lead('ada', { email: 'ada@example.com' });
    const phoneOnly = await lead('phone', { phone: '+442079460958' });
    const optedOut = await lead('out', { email: 'out@example.com' });
    await leadline.email.optOut({ leadId: optedOut, reason: 'Asked by phone' }, as(manager));
    await expect(
      leadline.email.send({ leadIds: [ada], template: { subject: 'Hi {{firstName}}', body: 'x' } }, as(manager)),
    ).rejects.toMatchObject({ code: DomainErrorCode.Validation, field: 'template.subject', rule: 'known-merge-field' });
    expect(await typesOf(store, ada)).toEqual([]);

    await leadline.workers.start();
    const result = await leadline.email.send(
      { leadIds: [ada, phoneOnly, optedOut, LeadId('nobody')], template },
      as(manager),
    );
    expect(result.queued.map((email) => email.leadId)).toEqual([ada]);
    expect(result.skipped.map(({ leadId, code, rule }) => [leadId, code, rule])).toEqual([
      [phoneOnly, DomainErrorCode.EmailNotSendable, 'has-email'],
      [optedOut, DomainErrorCode.EmailNotSendable, 'not-opted-out'],
      ['nobody', DomainErrorCode.NotFound, 'must-exist'],
    ]);
    await leadline.workers.settled();
    expect(smtp.received.map((message) => message.to.join())).toEqual(['ada@example.com']);
  });

  it('retries a refused message with backoff, then records the failure for good after the last attempt', async () => {
    const { smtp, store, clock, leadline, lead } = await setUp(smtpOf);
    const ada = await lead('ada', { email: 'ada@example.com' });
    const bob = await lead('bob', { email: 'bob@example.com' });
    await leadline.workers.start();
    smtp.refuseNext(2);
    await leadline.email.send({ leadIds: [ada], template }, as(manager));
    await leadline.workers.settled();
    expect(await typesOf(store, ada)).toEqual(['EmailQueued', 'EmailSendAttempted', 'EmailSendFailed']);
    await clock.advance(10 * SECOND); // first backoff
    await leadline.workers.settled();
    await clock.advance(20 * SECOND); // doubled
    await leadline.workers.settled();
    expect(smtp.received.map((message) => message.to.join())).toEqual(['ada@example.com']);
    expect(await typesOf(store, ada)).toEqual([
      ...['EmailQueued', 'EmailSendAttempted', 'EmailSendFailed', 'EmailSendAttempted', 'EmailSendFailed'],
      ...['EmailSendAttempted', 'EmailSent'],
    ]);

    smtp.refuseNext(3);
    await leadline.email.send({ leadIds: [bob], template }, as(manager));
    for (const wait of [0, 10, 20]) {
      await clock.advance(wait * SECOND);
      await leadline.workers.settled();
    }
    const failures: RecordedEvent[] = [];
    for await (const event of store.readStream(`lead-${bob}`))
      if (event.type === 'EmailSendFailed') failures.push(event);
    expect(failures.map((event) => event.data)).toEqual([
      expect.objectContaining({ attempt: 1, retryAt: '2026-01-05T09:00:40.000Z' }),
      expect.objectContaining({ attempt: 2, retryAt: '2026-01-05T09:01:00.000Z' }),
      expect.objectContaining({ attempt: 3, retryAt: null, error: expect.stringContaining('451') }),
    ]);
  });

  it('does not send twice after a crash between send and record: the restarted dispatcher records the email in doubt', async () => {
    let crashed = (): void => undefined;
    const crashAfterSend = (smtp: SmtpTestServer): EmailTransport => {
      const real = smtpOf(smtp);
      return {
        async send(email) {
          await real.send(email);
          // The process dies here: the send happened, its record never will.
          await new Promise<void>((_, reject) => (crashed = () => reject(new Error('process killed'))));
        },
        close: () => real.close?.() ?? Promise.resolve(),
      };
    };
    const { smtp, store, clock, leadline, lead } = await setUp(crashAfterSend);
    const ada = await lead('ada', { email: 'ada@example.com' });
    await leadline.workers.start();
    const { queued } = await leadline.email.send({ leadIds: [ada], template }, as(manager));
    while (smtp.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));

    const restarted = open(store, clock, smtpOf(smtp));
    await restarted.workers.start({ projections: false });
    await clock.advance(60 * 1000); // still within the in-doubt window: another process may be sending
    await restarted.workers.settled();
    expect(await typesOf(store, ada)).toEqual(['EmailQueued', 'EmailSendAttempted']);
    await clock.advance(10 * 60 * 1000);
    await restarted.workers.settled();
    crashed();
    await leadline.workers.settled();

    expect(smtp.received.map((message) => message.messageId)).toEqual([queued[0]?.messageId]);
    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(`lead-${ada}`)) events.push(event);
    expect(events.map((event) => event.type).filter((type) => type.startsWith('Email'))).toEqual([
      'EmailQueued',
      'EmailSendAttempted',
      'EmailSendFailed',
    ]);
    expect(events.at(-1)?.data).toMatchObject({ attempt: 1, retryAt: null, error: IN_DOUBT_ERROR });
  });

  it('sends once with two dispatchers running: the one that loses the attempt does not send', async () => {
    const { smtp, store, clock, leadline, lead } = await setUp(smtpOf);
    const ids = await Promise.all(['a', 'b', 'c', 'd'].map((id) => lead(id, { email: `${id}@example.com` })));
    const second = open(store, clock, smtpOf(smtp));
    await Promise.all([leadline.workers.start(), second.workers.start({ projections: false })]);
    await leadline.email.send({ leadIds: ids, template }, as(manager));
    await Promise.all([leadline.workers.settled(), second.workers.settled()]);
    expect(smtp.received.map((message) => message.to.join()).sort()).toEqual(ids.map((id) => `${id}@example.com`));
  });
});
