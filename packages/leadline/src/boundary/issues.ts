// The one place a schema's refusal becomes the project's typed error: a ValidationError naming each
// field (its path in the input) and the rule broken, so callers see the same error family whether the
// boundary or the domain refused.
import { ValidationError, type DomainErrorDetails } from '@leadline/domain';
import type * as z from 'zod';

export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly [DomainErrorDetails, ...DomainErrorDetails[]] };

/** The value `schema` makes of `input`, or every issue found, fields named under `root`. */
export function checkInput<S extends z.ZodType>(schema: S, input: unknown, root: string): Checked<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const [first, ...rest] = parsed.error.issues.flatMap((issue) => detailsOf(issue, root, valueAt(input, issue.path)));
  return { ok: false, issues: first === undefined ? [fallback(root)] : [first, ...rest] };
}

/** The value `schema` makes of `input`, or a ValidationError listing every issue, fields under `root`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
  const checked = checkInput(schema, input, root);
  if (!checked.ok) throw new ValidationError(checked.issues);
  return checked.value;
}

const fallback = (root: string): DomainErrorDetails => ({
  field: root,
  rule: 'shape',
  message: `${root} does not have the expected shape.`,
});

/** `details.customFields.size`, `leadIds[3]`: the path as people write it. */
export const fieldPath = (root: string, path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (field, key) =>
      typeof key === 'number' ? `${field}[${key}]` : field === '' ? String(key) : `${field}.${String(key)}`,
    root,
  );

/** What the caller gave at `path` (zod does not keep it on the issue). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = Reflect.get(value, key);
  }
  return value;
}

function detailsOf(issue: z.core.$ZodIssue, root: string, given: unknown): DomainErrorDetails[] {
  const field = fieldPath(root, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        field: fieldPath(field, [key]),
        rule: 'unknown-field',
        message: `${fieldPath(field, [key])} is not a field of ${field}; remove it.`,
      }));
    case 'invalid_type':
      return [
        given === undefined
          ? { field, rule: 'required', message: `${field} is required.` }
          : { field, rule: `must-be-${issue.expected}`, message: `${field} must be ${article(issue.expected)}.` },
      ];
    case 'too_big':
      return [{ field, rule: `${limitName(issue.origin)}-max:${String(issue.maximum)}`, message: issue.message }];
    case 'too_small':
      return [{ field, rule: `${limitName(issue.origin)}-min:${String(issue.minimum)}`, message: issue.message }];
    case 'invalid_value':
      return [
        {
          field,
          rule: 'one-of',
          message: `${field} must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}.`,
        },
      ];
    case 'custom': {
      const rule = typeof issue.params?.['rule'] === 'string' ? issue.params['rule'] : 'invalid';
      return [{ field, rule, message: `${field}: ${issue.message}` }];
    }
    case 'invalid_format':
      return [{ field, rule: `format:${issue.format}`, message: `${field}: ${issue.message}` }];
    default:
      return [{ field, rule: 'shape', message: `${field} does not have the expected shape (${issue.message}).` }];
  }
}

const limitName = (origin: string): string =>
  origin === 'string' ? 'length' : origin === 'array' || origin === 'set' ? 'items' : 'value';

const article = (expected: string): string => (/^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);
