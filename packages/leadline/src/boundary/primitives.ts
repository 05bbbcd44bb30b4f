// The shapes every boundary schema is built from: text that is well-formed, NFC and bounded; ids,
// instants, dates and money of a known shape; JSON metadata that every store can write.
import {
  ALL_PERMISSIONS,
  ClaimId,
  ClientId,
  JourneyStepId,
  LeadId,
  MergeId,
  NoteId,
  OrgId,
  StageId,
  UserId,
  WorkflowId,
  type Permission,
} from '@leadline/domain';
import * as z from 'zod';

// NUL and the other C0/C1 controls break terminals, CSV tools and PostgreSQL (NUL); lone surrogates
// are not text and PostgreSQL refuses them. Multi-line text keeps tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A string matching `pattern`; refused with `rule` otherwise. */
const shaped = (pattern: RegExp, rule: string, message: string) =>
  z.string().refine((value) => pattern.test(value), { message, params: { rule } });

// Most text is plain: one test finds whether any of the slower checks below is needed at all.
// eslint-disable-next-line no-control-regex -- as above
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
const NON_ASCII = /[^\u0000-\u007f]/;

/** Text checked as above, then NFC-normalised, at most `max` characters after normalisation. */
export const text = (max: number, options: { readonly multiline?: boolean } = {}) => {
  const control = options.multiline === true ? CONTROL_BUT_LINES : CONTROL;
  const what = options.multiline === true ? 'a control character' : 'a control character or line break';
  // One transform rather than refine + transform + pipe: this runs on every text field of every command.
  return z.string().transform((value, context) => {
    if (SUSPECT.test(value)) {
      const refusal = LONE_SURROGATE.test(value)
        ? { rule: 'well-formed-unicode', message: 'holds a lone surrogate (not text)' }
        : value.includes('\u0000')
          ? { rule: 'no-nul', message: 'holds a NUL character' }
          : control.test(value)
            ? { rule: 'no-control-characters', message: `holds ${what}` }
            : null;
      if (refusal !== null) {
        context.addIssue({ code: 'custom', message: refusal.message, params: { rule: refusal.rule } });
        return z.NEVER;
      }
    }
    const normalised = NON_ASCII.test(value) ? value.normalize('NFC') : value;
    if (normalised.length > max) {
      context.addIssue({
        code: 'custom',
        message: `is ${normalised.length} characters long; at most ${max} are allowed`,
        params: { rule: `length-max:${max}` },
      });
      return z.NEVER;
    }
    return normalised;
  });
};

/** Optional text that may also be null (clears a field). */
export const optionalText = (max: number, options: { readonly multiline?: boolean } = {}) =>
  text(max, options).nullable().optional();

/**
 * An identifier: a letter or digit, then letters, digits and `. _ : @ + -`, at most 128 characters.
 * Ids name streams (`lead-<id>`) and rows, so anything else (spaces, slashes, controls) is refused.
 */
export const ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$/;
const id = () =>
  shaped(ID_SHAPE, 'id-shape', 'must be a letter or digit, then letters, digits or . _ : @ + - (at most 128)');
export const leadId = () => id().transform(LeadId);
export const orgId = () => id().transform(OrgId);
export const userId = () => id().transform(UserId);
export const workflowId = () => id().transform(WorkflowId);
export const stageId = () => id().transform(StageId);
export const clientId = () => id().transform(ClientId);
export const noteId = () => id().transform(NoteId);
export const claimId = () => id().transform(ClaimId);
export const mergeId = () => id().transform(MergeId);
export const journeyStepId = () => id().transform(JourneyStepId);
export const plainId = id;

/** An ISO 8601 instant with a time zone (the domain normalises it to UTC). */
export const instant = () =>
  shaped(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
    'iso-8601-instant',
    'must be an ISO 8601 instant with a time zone, e.g. 2026-03-02T09:30:00Z',
  );

/** A calendar date `YYYY-MM-DD` (the domain checks the day exists). */
export const calendarDate = () => shaped(/^\d{4}-\d{2}-\d{2}$/, 'date-format', 'must be a date as YYYY-MM-DD');

/** A valid Date object (not `new Date('x')`). */
export const validDate = () => z.date();

/** Money in minor units with an ISO 4217 code. */
export const money = () =>
  z.strictObject({
    amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    currency: shaped(/^[A-Za-z]{3}$/, 'iso-4217', 'must be a three-letter ISO 4217 code'),
  });

/** A page size. */
export const limit = () => z.number().int().min(1).max(500);

/** A page's cursor, as the previous page's `nextCursor` gave it. */
export const cursor = () => z.string().min(1).max(1000);

export const permission = () => z.enum(ALL_PERMISSIONS as [Permission, ...Permission[]]);

/** Extra event metadata: JSON every store writes alike (no NaN, no functions, no undefined), bounded text keys. */
export const jsonMetadata = () => z.record(text(100), z.json());
