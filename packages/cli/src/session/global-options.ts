// The global options as a schema: who acts (`--as-user`, `--org` are ids), the role, and text that is
// well-formed, so a bad option is refused with the field (`--org`) and the rule before a store opens.
import { ValidationError } from '@leadline/domain';
import { checkInput, ID_SHAPE } from 'leadline';
import * as z from 'zod';
import { ROLE_NAMES } from './roles.js';

const id = (flag: string) =>
  z.string().refine((value) => ID_SHAPE.test(value.trim()), {
    message: `${flag} must be a letter or digit, then letters, digits or . _ : @ + - (at most 128)`,
    params: { rule: 'id-shape' },
  });

const GlobalOptionsSchema = z.looseObject({
  store: z.string().min(1).max(4096),
  readModels: z.string().min(1).max(4096).optional(),
  org: id('--org').optional(),
  asUser: id('--as-user'),
  role: z.enum(ROLE_NAMES),
  permissions: z.string().max(1000).optional(),
});

/** Refuses the options with a ValidationError naming the option as typed (`--as-user`) and the rule. */
export function checkGlobalOptions(globals: unknown): void {
  const checked = checkInput(GlobalOptionsSchema, globals, '');
  if (checked.ok) return;
  const [first, ...rest] = checked.issues;
  const named = (issue: typeof first) => ({ ...issue, field: flagOf(issue.field) });
  throw new ValidationError([named(first), ...rest.map(named)]);
}

const flagOf = (field: string): string => `--${field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
