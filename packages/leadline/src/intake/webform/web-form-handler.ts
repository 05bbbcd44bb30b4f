// The web-form handler: a web-standard Request in, a Response out, so Hono, Express and Fastify
// adapters and plain node:http can mount it. A rejected submission writes nothing. In front: a rate
// limit per client address, the shared secret, the size limit, the honeypot; then a repeat of a recent
// submission folds into its lead, anything else goes through the CSV import's row path.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { LeadDetailsInput } from '@leadline/domain';
import type { IntakeRuntime } from '../intake-runtime.js';
import { importRow } from '../csv/row-import.js';
import { DEFAULT_MAX_BODY_BYTES, type FormTarget, type WebForm, type WebFormErrorReport } from './web-form.js';
import { readFormBody, type FormValues } from './read-body.js';
import { createTokenBuckets, DEFAULT_RATE_LIMIT } from './rate-limit.js';
import { foldRepeat } from './repeat-submission.js';
import { accepted, invalidFields, refused, type Refusal } from './responses.js';

export type WebFormHandler = (request: Request) => Promise<Response>;

export function createWebFormHandler(intake: IntakeRuntime, form: WebForm): WebFormHandler {
  const limit = form.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const buckets = form.rateLimit === false ? null : createTokenBuckets(form.rateLimit ?? DEFAULT_RATE_LIMIT);
  const report = form.onError ?? defaultReport(form);
  const formFieldOf = (leadField: string): string =>
    Object.entries(form.fields).find(
      ([, target]) =>
        target === leadField || (leadField === 'name' && (target === 'firstName' || target === 'lastName')),
    )?.[0] ?? leadField;
  const refuse = (refusal: Refusal): Response => refused(intake.runtime.ids.newId(), refusal);
  /** A failure on our side: the internals go to the log under an id, the client gets the id only. */
  const failed = (refusal: Refusal, error: unknown): Response => {
    const errorId = intake.runtime.ids.newId();
    report({ errorId, formId: form.formId, code: refusal.code, error });
    return refused(errorId, refusal);
  };

  return async (request) => {
    if (request.method !== 'POST')
      return refuse({
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        rule: 'post',
        message: 'Submit the form with POST.',
        headers: { allow: 'POST' },
      });
    const admission = buckets?.take(
      form.clientAddress?.(request) ?? UNKNOWN_CLIENT,
      intake.runtime.clock.now().getTime(),
    );
    if (admission !== undefined && !admission.admitted) {
      return refuse({
        status: 429,
        code: 'RATE_LIMITED',
        rule: 'token-bucket',
        message: 'Too many submissions from this address; nothing was written. Try again later.',
        headers: { 'retry-after': String(Math.ceil(admission.retryAfterMs / 1000)) },
      });
    }
    if (form.secret !== undefined && !sameSecret(form.secret, secretOf(request))) {
      return refuse({
        status: 401,
        code: 'UNAUTHORIZED',
        rule: 'shared-secret',
        message: 'The form secret is missing or wrong.',
      });
    }
    const body = await readFormBody(request, limit);
    if (!body.ok)
      return refuse({
        status: body.status,
        code: body.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
        rule: body.rule,
        message: body.message,
      });
    if (form.honeypot !== undefined && (body.values[form.honeypot] ?? '').trim() !== '') return accepted(randomUUID());

    const key = request.headers.get('idempotency-key');
    const idempotencyKey = key === null || key.trim() === '' ? null : `form:${form.formId}:${key.trim()}`;
    const details = detailsOf(body.values, form);
    try {
      const repeated = await foldRepeat(intake, form, {
        email: details.email ?? null,
        notes: details.notes ?? null,
        idempotencyKey,
      });
      if (repeated !== null) return accepted(repeated);
      const outcome = await importRow(intake, {
        row: 0,
        input: { details, ownerId: null, issues: [] },
        acting: {
          actor: form.actor,
          ...(idempotencyKey === null ? {} : { idempotencyKey }),
          metadata: { form: form.formId },
        },
        policy: form.duplicates ?? 'keep',
        ...(form.workflowId === undefined ? {} : { workflowId: form.workflowId }),
        ...(form.stageId === undefined ? {} : { stageId: form.stageId }),
      });
      if (outcome.kind !== 'failed') return accepted(outcome.leadId);
      if (outcome.errors.some((error) => error.code === 'CONCURRENCY_CONFLICT')) {
        return refuse({
          status: 503,
          code: 'UNAVAILABLE',
          rule: 'retry',
          message: 'The submission lost too many races with others; nothing was written. Try again.',
        });
      }
      const misconfigured = outcome.errors.find((error) => error.code !== 'VALIDATION_FAILED');
      if (misconfigured !== undefined)
        return failed(
          {
            status: 500,
            code: 'FORM_MISCONFIGURED',
            rule: 'form-configuration',
            message:
              'The form cannot take submissions right now; nothing was written. Quote the error id to its owner.',
          },
          misconfigured,
        );
      return invalidFields(
        intake.runtime.ids.newId(),
        outcome.errors.map((error) => ({ field: formFieldOf(error.field), rule: error.rule, message: error.message })),
      );
    } catch (error) {
      return failed(
        {
          status: 503,
          code: 'UNAVAILABLE',
          rule: 'store-available',
          message: 'The submission could not be stored; nothing was written. Try again.',
        },
        error,
      );
    }
  };
}

/** Every submission without a known address shares one bucket: see WebForm.clientAddress. */
const UNKNOWN_CLIENT = 'unknown';

const defaultReport =
  (form: WebForm) =>
  (report: WebFormErrorReport): void =>
    console.error(`leadline web form ${form.formId}: ${report.code} (error id ${report.errorId})`, report.error);

function detailsOf(values: FormValues, form: WebForm): LeadDetailsInput & { readonly name: string } {
  const by = (target: FormTarget): string | null => {
    const field = Object.entries(form.fields).find(([, mapped]) => mapped === target)?.[0];
    const value = field === undefined ? undefined : values[field]?.trim();
    return value === undefined || value === '' ? null : value;
  };
  const customFields: Record<string, string> = {};
  for (const [field, target] of Object.entries(form.fields)) {
    const value = values[field]?.trim();
    if (target.startsWith('customFields.') && value !== undefined && value !== '')
      customFields[target.slice('customFields.'.length)] = value;
  }
  return {
    name: by('name') ?? [by('firstName'), by('lastName')].filter((part) => part !== null).join(' '),
    email: by('email'),
    phone: by('phone'),
    company: by('company'),
    notes: by('notes'),
    source: form.source,
    customFields,
  };
}

function secretOf(request: Request): string | null {
  const header = request.headers.get('x-leadline-form-secret');
  if (header !== null) return header;
  const authorization = request.headers.get('authorization');
  return authorization?.toLowerCase().startsWith('bearer ') === true ? authorization.slice(7).trim() : null;
}

/** Compared as digests of equal length, in constant time. */
function sameSecret(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(expected), digest(given));
}
