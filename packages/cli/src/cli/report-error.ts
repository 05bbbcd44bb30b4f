// How a failed command is told to a person (or, with --json, to a machine): the code, the field, the
// rule and what to do next; the stack only with --debug. Also decides the exit code.
import { DomainErrorCode, isDomainError, ValidationError } from '@leadline/domain';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';

export interface ErrorReport {
  readonly code: string;
  readonly field: string | null;
  readonly rule: string | null;
  readonly message: string;
  readonly hint: string | null;
  /** Every broken field, when the input broke more than one rule. */
  readonly issues?: readonly { readonly field: string; readonly rule: string; readonly message: string }[];
}

/** What to do about a refusal, by its stable code. */
const HINTS: Readonly<Record<string, string>> = {
  [DomainErrorCode.PermissionDenied]:
    'Act as someone allowed to: --as-user ID --role admin|manager|rep|viewer (see `leadline --help`).',
  [DomainErrorCode.NotFound]: 'Check the id: `leadline search TEXT` finds a lead by name, email or phone.',
  [DomainErrorCode.Validation]: 'Correct the value and run the command again; nothing was written.',
  [DomainErrorCode.ClaimHeld]:
    'Wait for the claim to lapse or ask its holder to release it (`leadline queue` shows claims).',
  [DomainErrorCode.NotClaimed]: 'Claim the lead first: `leadline lead claim LEAD`.',
  [DomainErrorCode.LeadDeleted]:
    'A deleted lead accepts no command; its history stays readable with `leadline audit LEAD`.',
  [DomainErrorCode.LeadConverted]: 'A converted lead keeps its stage; see it with `leadline journey LEAD`.',
  [DomainErrorCode.UnknownStage]: 'List the stages with `leadline workflow list`.',
  [DomainErrorCode.UnknownWorkflow]: 'List the workflows with `leadline workflow list`.',
  [DomainErrorCode.DuplicateSuspected]: 'Choose: --on-duplicate merge, or keep both with --keep-duplicate.',
  STORE_UNAVAILABLE: 'Check the --store URL and that the database is running.',
  UNAVAILABLE: 'Check the --store URL and that the database is running.',
  INVALID_STORE_URL: 'Use memory:, sqlite:FILE, postgres://user@host/db or esdb://host:2113.',
  ADAPTER_MISSING: 'Install the adapter package named in the message.',
  INVALID_ENCODING: "Name the file's encoding with --encoding (latin1, windows-1252, utf-16le…), or save it as UTF-8.",
  READ_MODEL_NOT_READY: 'Run `leadline rebuild` (or keep `leadline worker` running) to build the read models.',
};

export function reportOf(error: unknown): ErrorReport {
  if (error instanceof CliError) {
    return { code: error.code, field: error.field, rule: error.rule, message: error.message, hint: error.hint };
  }
  if (isDomainError(error)) {
    const issues =
      error instanceof ValidationError && error.issues.length > 1
        ? { issues: error.issues.map(({ field, rule, message }) => ({ field, rule, message })) }
        : {};
    return {
      code: error.code,
      field: error.field,
      rule: error.rule,
      message: error.message,
      hint: HINTS[error.code] ?? null,
      ...issues,
    };
  }
  if (error instanceof Error) {
    const shaped = error as Error & { code?: unknown; field?: unknown; rule?: unknown };
    const code = typeof shaped.code === 'string' ? shaped.code : 'UNEXPECTED';
    return {
      code,
      field: typeof shaped.field === 'string' ? shaped.field : null,
      rule: typeof shaped.rule === 'string' ? shaped.rule : null,
      message: error.message,
      hint: HINTS[code] ?? (code === 'UNEXPECTED' ? 'Run again with --debug to see where it failed.' : null),
    };
  }
  return {
    code: 'UNEXPECTED',
    field: null,
    rule: null,
    message: String(error),
    hint: 'Run again with --debug to see where it failed.',
  };
}

export function exitCodeOf(error: unknown): ExitCode {
  return error instanceof CliError ? error.exitCode : ExitCode.Refused;
}

export function formatReport(report: ErrorReport): string {
  const where = [
    report.field === null ? null : `field: ${report.field}`,
    report.rule === null ? null : `rule: ${report.rule}`,
  ].filter((part) => part !== null);
  const lines = [`error ${report.code}: ${report.message}`];
  if (where.length > 0) lines.push(`  ${where.join(', ')}`);
  for (const issue of report.issues?.slice(1) ?? [])
    lines.push(`  also ${issue.field} (${issue.rule}): ${issue.message}`);
  if (report.hint !== null) lines.push(`  what to do: ${report.hint}`);
  return lines.join('\n');
}
