// Errors the CLI raises itself (bad input it checks before any command runs), shaped like the domain's:
// a stable code, the field, the rule broken, and what to do about it.
import { ExitCode } from './exit-codes.js';

export const CliErrorCode = {
  BadInput: 'BAD_INPUT',
  NotFound: 'NOT_FOUND',
  FileNotFound: 'FILE_NOT_FOUND',
  ReadOnly: 'READ_ONLY',
  Unsupported: 'UNSUPPORTED',
  VerificationFailed: 'VERIFICATION_FAILED',
  Duplicate: 'DUPLICATE_SUSPECTED',
  /** A query ran past its time and was stopped. */
  Timeout: 'QUERY_TIMEOUT',
} as const;
export type CliErrorCode = (typeof CliErrorCode)[keyof typeof CliErrorCode];

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: CliErrorCode,
    readonly field: string,
    readonly rule: string,
    message: string,
    /** What the person can do next, printed under the message. */
    readonly hint: string | null = null,
    readonly exitCode: ExitCode = ExitCode.Refused,
  ) {
    super(message);
  }
}

/** The board or funnel of a workflow that does not exist (or of an organisation not created yet). */
export const noSuchWorkflow = (): CliError =>
  new CliError(
    CliErrorCode.NotFound,
    '--workflow',
    'must-exist',
    'There is no such workflow (or no organisation yet).',
    'List workflows with `leadline workflow list`.',
  );

export const badInput = (field: string, rule: string, message: string, hint: string | null = null): CliError =>
  new CliError(CliErrorCode.BadInput, field, rule, message, hint);
