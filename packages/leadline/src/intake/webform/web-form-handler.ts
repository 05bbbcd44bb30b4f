// The web-form handler: a web-standard Request in, a Response out, so Hono, Express and Fastify
// adapters and plain node:http can mount it. A rejected submission writes nothing.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { LeadDetailsInput } from '@leadline/domain';
import type { IntakeRuntime } from '../intake-runtime.js';
import { importRow } from '../csv/row-import.js';
import { DEFAULT_MAX_BODY_BYTES, type FormTarget, type WebForm } from './web-form.js';
import { readFormBody, type FormValues } from './read-body.js';
import { accepted, invalidFields, refused } from './responses.js';

export type WebFormHandler = (request: Request) => Promise<Response>;

export function createWebFormHandler(intake: IntakeRuntime, form: WebForm): WebFormHandler {
  const limit = form.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const formFieldOf = (leadField: string): string =>
    Object.entries(form.fields).find(
      ([, target]) =>
        target === leadField || (leadField === 'name' && (target === 'firstName' || target === 'lastName')),
    )?.[0] ?? leadField;

  return async (request) => {
    if (request.method !== 'POST')
      return refused(405, 'METHOD_NOT_ALLOWED', 'post', 'Submit the form with POST.', { allow: 'POST' });
    if (form.secret !== undefined && !sameSecret(form.secret, secretOf(request))) {
      return refused(401, 'UNAUTHORIZED', 'shared-secret', 'The form secret is missing or wrong.');
    }
    const body = await readFormBody(request, limit);
    if (!body.ok)
      return refused(body.status, body.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', body.rule, body.message);
    if (form.honeypot !== undefined && (body.values[form.honeypot] ?? '').trim() !== '') return accepted(randomUUID());

    const key = request.headers.get('idempotency-key');
    try {
      const outcome = await importRow(intake, {
        row: 0,
        input: { details: detailsOf(body.values, form), ownerId: null, issues: [] },
        acting: {
          actor: form.actor,
          ...(key === null || key.trim() === '' ? {} : { idempotencyKey: `form:${form.formId}:${key.trim()}` }),
          metadata: { form: form.formId },
        },
        policy: form.duplicates ?? 'keep',
        ...(form.workflowId === undefined ? {} : { workflowId: form.workflowId }),
        ...(form.stageId === undefined ? {} : { stageId: form.stageId }),
      });
      if (outcome.kind !== 'failed') return accepted(outcome.leadId);
      if (outcome.errors.some((error) => error.code === 'CONCURRENCY_CONFLICT')) {
        return refused(
          503,
          'UNAVAILABLE',
          'retry',
          'The submission lost too many races with others; nothing was written. Try again.',
        );
      }
      const misconfigured = outcome.errors.find((error) => error.code !== 'VALIDATION_FAILED');
      if (misconfigured !== undefined)
        return refused(
          500,
          'FORM_MISCONFIGURED',
          misconfigured.rule,
          `The form cannot create leads: ${misconfigured.message}`,
        );
      return invalidFields(
        outcome.errors.map((error) => ({ field: formFieldOf(error.field), rule: error.rule, message: error.message })),
      );
    } catch (error) {
      return refused(
        503,
        'UNAVAILABLE',
        'store-available',
        `The submission could not be stored; nothing was written. Try again. (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  };
}

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
