import { expect, it } from '@jest/globals';
import { ALL_PERMISSIONS, Permission, UserId, type Actor, type LeadCreated } from '@leadline/domain';
import type { EventStore } from '@leadline/eventstore';
import type { Leadline } from '../../leadline.js';
import { allEvents, openWithOrganisation, ORG, acting } from '../test-support/setup.js';
import { describeOnStores } from '../test-support/stores.js';
import type { WebForm, WebFormErrorReport } from './web-form.js';

const formActor: Actor = {
  userId: UserId('web-form'),
  orgId: ORG,
  kind: 'system',
  permissions: [Permission.CreateLeads],
};
const contactForm = (extra: Partial<WebForm> = {}): WebForm => ({
  formId: 'contact-us',
  actor: formActor,
  fields: {
    your_name: 'name',
    your_email: 'email',
    tel: 'phone',
    firm: 'company',
    message: 'notes',
    sector: 'customFields.industry',
  },
  source: 'Website',
  honeypot: 'website',
  ...extra,
});
const post = (body: NonNullable<RequestInit['body']>, type: string, headers: Record<string, string> = {}): Request => {
  // A streamed body (no content-length) needs `duplex`, which the DOM typings do not know yet.
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    body,
    headers: { 'content-type': type, ...headers },
    duplex: 'half',
  };
  return new Request('http://forms.test/contact', init);
};
const urlencoded = (fields: Record<string, string>, headers?: Record<string, string>): Request =>
  post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', headers);
const created = async (
  store: EventStore,
): Promise<{ data: LeadCreated['data']; metadata: Record<string, unknown> }[]> =>
  (await allEvents(store))
    .filter((event) => event.type === 'LeadCreated')
    .map((event) => ({ data: event.data as LeadCreated['data'], metadata: event.metadata }));

describeOnStores('web-form handler', ['memory', 'sqlite', 'postgres'], (open) => {
  const setupWithClock = async (form: WebForm) => {
    const { leadline, store, clock } = await openWithOrganisation(await open());
    return { leadline, store, clock, handle: leadline.intake.webFormHandler(form) };
  };
  const setup = async (
    form: WebForm = contactForm(),
  ): Promise<{ leadline: Leadline; store: EventStore; handle: (request: Request) => Promise<Response> }> => {
    const { leadline, store } = await openWithOrganisation(await open());
    return { leadline, store, handle: leadline.intake.webFormHandler(form) };
  };

  it("turns urlencoded, JSON and multipart submissions into leads with the form's source and mapping", async () => {
    const { store, handle } = await setup();
    const first = await handle(
      urlencoded({
        your_name: 'Ada',
        your_email: 'ada@example.com',
        firm: 'Engines',
        message: 'Call me',
        sector: 'software',
        unknown: 'x',
        website: '',
      }),
    );
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ status: 'received', reference: expect.any(String) });
    expect(
      (await handle(post(JSON.stringify({ your_name: 'Bob', tel: '020 7946 0111' }), 'application/json'))).status,
    ).toBe(201);
    const multipart = new FormData();
    multipart.set('your_name', 'Cy');
    multipart.set('your_email', 'cy@example.com');
    expect((await handle(new Request('http://forms.test/contact', { method: 'POST', body: multipart }))).status).toBe(
      201,
    );
    const leads = await created(store);
    expect(
      leads.map(({ data }) => [
        data.name,
        data.email,
        data.phone,
        data.company,
        data.notes,
        data.source,
        data.customFields,
      ]),
    ).toEqual([
      ['Ada', 'ada@example.com', null, 'Engines', 'Call me', 'Website', { industry: 'Software' }],
      ['Bob', null, '+442079460111', null, null, 'Website', {}],
      ['Cy', 'cy@example.com', null, null, null, 'Website', {}],
    ]);
    expect(leads[0]?.metadata).toMatchObject({ form: 'contact-us', actorId: 'web-form' });
  });

  it('answers every bad submission with its status and writes nothing', async () => {
    const { store, handle } = await setup(contactForm({ secret: 's3cret', maxBodyBytes: 200 }));
    const head = await store.headPosition();
    const auth = { 'x-leadline-form-secret': 's3cret' };
    const invalid = await handle(urlencoded({ your_name: '', your_email: 'not-an-email', sector: 'Mining' }, auth));
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Some fields need fixing.',
        errorId: expect.any(String),
        fields: [
          { field: 'your_email', rule: 'email-format', message: '"not-an-email" is not an email address.' },
          { field: 'your_name', rule: 'required', message: expect.any(String) },
          { field: 'sector', rule: 'must-be-option', message: expect.any(String) },
        ],
      },
    });
    const statuses = await Promise.all(
      [
        handle(urlencoded({ your_name: 'A', your_email: 'a@example.com' })),
        handle(urlencoded({ your_name: 'A', your_email: 'a@example.com' }, { 'x-leadline-form-secret': 'wrong' })),
        handle(urlencoded({ your_name: 'A', your_email: 'a@example.com', message: 'x'.repeat(300) }, auth)),
        handle(
          post(
            new ReadableStream({
              start: (c) => {
                c.enqueue(new TextEncoder().encode('your_name=' + 'y'.repeat(300)));
                c.close();
              },
            }),
            'application/x-www-form-urlencoded',
            auth,
          ),
        ),
        handle(new Request('http://forms.test/contact', { method: 'GET', headers: auth })),
        handle(post('your_name=A', 'text/plain', auth)),
        handle(post('{"your_name": ', 'application/json', auth)),
        handle(post('["A"]', 'application/json', auth)),
        handle(post('{"your_name": {"first": "A"}}', 'application/json', auth)),
      ].map(async (pending) => {
        const response = await pending;
        return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
      }),
    );
    expect(statuses).toEqual([
      [401, 'UNAUTHORIZED'],
      [401, 'UNAUTHORIZED'],
      [413, 'PAYLOAD_TOO_LARGE'],
      [413, 'PAYLOAD_TOO_LARGE'],
      [405, 'METHOD_NOT_ALLOWED'],
      [415, 'BAD_REQUEST'],
      [400, 'BAD_REQUEST'],
      [400, 'BAD_REQUEST'],
      [400, 'BAD_REQUEST'],
    ]);
    expect(
      (
        await handle(
          urlencoded(
            { your_name: 'Bot', your_email: 'bot@example.com', website: 'http://spam.example' },
            { authorization: 'Bearer s3cret' },
          ),
        )
      ).status,
    ).toBe(201);
    expect(await store.headPosition()).toBe(head);
    expect(
      (await handle(urlencoded({ your_name: 'Ok', your_email: 'ok@example.com' }, { authorization: 'Bearer s3cret' })))
        .status,
    ).toBe(201);
  });

  it("applies the form's duplicate policy and creates a resubmission once", async () => {
    const { leadline, store, handle } = await setup();
    await leadline.leads.create(
      { fields: { name: 'Known', email: 'known@example.com', source: 'Referral' } },
      acting(),
    );
    const again = { your_name: 'Known again', your_email: 'KNOWN@example.com' };
    expect((await handle(urlencoded(again))).status).toBe(201);
    const kept = (await created(store)).at(-1)?.data;
    expect(kept?.duplicateDecision).toMatchObject({ choice: 'keep-both' });

    const skipping = leadline.intake.webFormHandler(contactForm({ formId: 'skip', duplicates: 'skip' }));
    const head = await store.headPosition();
    expect((await skipping(urlencoded(again))).status).toBe(201);
    expect(await store.headPosition()).toBe(head);

    const merging = leadline.intake.webFormHandler(
      contactForm({ formId: 'merge', duplicates: 'merge', actor: { ...formActor, permissions: ALL_PERMISSIONS } }),
    );
    expect(
      (await merging(urlencoded({ your_name: 'Known', your_email: 'known@example.com', firm: 'Known Co' }))).status,
    ).toBe(201);
    expect((await allEvents(store)).filter((event) => event.type === 'LeadMerged')).toHaveLength(2);

    const keyed = { 'idempotency-key': 'submission-1' };
    const one = await (await handle(urlencoded({ your_name: 'Once', your_email: 'once@example.com' }, keyed))).json();
    const two = await (await handle(urlencoded({ your_name: 'Once', your_email: 'once@example.com' }, keyed))).json();
    expect(two).toEqual(one);
    expect((await created(store)).filter(({ data }) => data.email === 'once@example.com')).toHaveLength(1);
  });

  it('says a form that cannot create leads is misconfigured, with an error id and without the internals', async () => {
    const reports: WebFormErrorReport[] = [];
    const { store, handle } = await setup(
      contactForm({
        actor: { ...formActor, permissions: [Permission.ViewLeads] },
        onError: (report) => reports.push(report),
      }),
    );
    const response = await handle(urlencoded({ your_name: 'A', your_email: 'a@example.com' }));
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; errorId: string; message: string } };
    expect(body.error.code).toBe('FORM_MISCONFIGURED');
    expect(reports.map((report) => [report.errorId, report.code])).toEqual([
      [body.error.errorId, 'FORM_MISCONFIGURED'],
    ]);
    // The internal reason (a permission the form's actor lacks) is logged, not sent.
    expect(JSON.stringify(body)).not.toMatch(/permission|CREATE_LEADS|web-form/i);
    expect(JSON.stringify(reports[0]?.error)).toMatch(/CREATE_LEADS|permission/i);
    expect(await created(store)).toEqual([]);
  });

  it('refuses a submission holding a NUL or an escape sequence, naming the form field, and writes nothing', async () => {
    const { store, handle } = await setup(contactForm());
    const head = await store.headPosition();
    const response = await handle(
      urlencoded({ your_name: 'Eve\u001b[2J', your_email: 'eve@example.com', message: 'a\u0000b' }),
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { fields: { field: string; rule: string }[] } };
    expect(body.error.fields.map((found) => `${found.field}:${found.rule}`).sort()).toEqual([
      'message:no-nul',
      'your_name:no-control-characters',
    ]);
    expect(await store.headPosition()).toBe(head);
  });

  it('answers a store failure with 503 and an error id, never the store error', async () => {
    const reports: WebFormErrorReport[] = [];
    const { store, handle } = await setup(contactForm({ onError: (report) => reports.push(report) }));
    store.append = () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.7:5432 (password for user app)'));
    const response = await handle(urlencoded({ your_name: 'A', your_email: 'down@example.com' }));
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(text).not.toContain('ECONNREFUSED');
    expect(text).toContain(reports[0]?.errorId ?? 'no report');
  });

  it('rate-limits submissions per client address with a token bucket, writing nothing when limited', async () => {
    const { store, handle, clock } = await setupWithClock(
      contactForm({
        rateLimit: { burst: 2, perMinute: 1 },
        clientAddress: (request) => request.headers.get('x-client') ?? null,
      }),
    );
    const from = (address: string, n: number): Request =>
      urlencoded({ your_name: `Lead ${n}`, your_email: `lead${n}@example.com` }, { 'x-client': address });
    expect((await handle(from('1.1.1.1', 1))).status).toBe(201);
    expect((await handle(from('1.1.1.1', 2))).status).toBe(201);
    const head = await store.headPosition();
    const limited = await handle(from('1.1.1.1', 3));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED', errorId: expect.any(String) } });
    expect(await store.headPosition()).toBe(head);
    expect((await handle(from('2.2.2.2', 4))).status).toBe(201);
    await clock.advance(60_000);
    expect((await handle(from('1.1.1.1', 5))).status).toBe(201);
  });

  it('folds repeated submissions of one email into the lead the first one created, as journey steps', async () => {
    const { store, handle, clock } = await setupWithClock(contactForm({ rateLimit: false }));
    const submit = (message: string, headers?: Record<string, string>) =>
      handle(urlencoded({ your_name: 'Repeat', your_email: 'Repeat@Example.com', message }, headers));
    const first = (await (await submit('first')).json()) as { reference: string };
    for (let n = 0; n < 30; n += 1) {
      const again = (await (await submit(`again ${n}`)).json()) as { reference: string };
      expect(again.reference).toBe(first.reference);
    }
    expect((await created(store)).filter(({ data }) => data.email === 'repeat@example.com')).toHaveLength(1);
    const steps = (await allEvents(store)).filter((event) => event.type === 'JourneyStepRecorded');
    expect(steps).toHaveLength(30);
    expect(steps[0]?.streamName).toBe(`lead-${first.reference}`);
    expect(steps[29]?.data).toMatchObject({
      label: 'Submitted the web form again',
      description: 'Form contact-us: again 29',
    });

    // A retried submission (same idempotency key) records its step once.
    const keyed = { 'idempotency-key': 'retry-1' };
    await submit('retried', keyed);
    await submit('retried', keyed);
    expect((await allEvents(store)).filter((event) => event.type === 'JourneyStepRecorded')).toHaveLength(31);

    // After the window, the same email through the same form is a new enquiry (the duplicate policy applies).
    await clock.advance(24 * 60 * 60 * 1000 + 1);
    const later = (await (await submit('next week')).json()) as { reference: string };
    expect(later.reference).not.toBe(first.reference);
    expect((await created(store)).filter(({ data }) => data.email === 'repeat@example.com')).toHaveLength(2);
  });
});
