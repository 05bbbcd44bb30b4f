// Validation collects every broken rule before refusing, so a person fixes a form (or a CSV row) in one go.
import { ValidationError, type DomainErrorDetails } from '../shared/errors.js';

export type ValidationResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ValidationError };

export type Issues = DomainErrorDetails[];

export const issue = (field: string, rule: string, message: string): DomainErrorDetails => ({ field, rule, message });

export const resultOf = <T>(issues: readonly DomainErrorDetails[], build: () => T): ValidationResult<T> => {
  const [first, ...rest] = issues;
  return first ? { ok: false, error: new ValidationError([first, ...rest]) } : { ok: true, value: build() };
};

export const valueOrThrow = <T>(result: ValidationResult<T>): T => {
  if (!result.ok) throw result.error;
  return result.value;
};

/** Throws a ValidationError of one issue. */
export const invalid = (field: string, rule: string, message: string): never => {
  throw new ValidationError([issue(field, rule, message)]);
};

/** Throws a ValidationError listing the issues, if there are any. */
export const throwIfAny = (issues: readonly DomainErrorDetails[]): void => {
  valueOrThrow(resultOf(issues, () => undefined));
};
