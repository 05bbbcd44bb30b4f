// The one table from an error's stable code to its HTTP status (STYLE.md: "the HTTP status and the CLI
// exit code are derived from the code in one table each"). A code not in it is an unexpected failure:
// 500, and the answer carries only an error id.
import { DomainErrorCode } from '@leadline/domain';
import { RuntimeErrorCode } from 'leadline';
import { HttpErrorCode } from './http-error.js';

export interface StatusRule {
  readonly status: number;
  /**
   * Whether the error's own message may go to the caller. Refusals of input and state say what to fix;
   * failures of the server (store down, closed) answer with a fixed text instead of their message.
   */
  readonly tellMessage: boolean;
}

const refused = (status: number): StatusRule => ({ status, tellMessage: true });
const unavailable: StatusRule = { status: 503, tellMessage: false };

export const STATUS_BY_CODE: Readonly<Record<string, StatusRule>> = {
  [DomainErrorCode.Validation]: refused(400),
  [DomainErrorCode.UnknownStage]: refused(400),
  [DomainErrorCode.UnknownWorkflow]: refused(400),
  [RuntimeErrorCode.InvalidOption]: refused(400),
  INVALID_ARGUMENT: refused(400),
  INVALID_CSV: refused(400),
  INVALID_ENCODING: refused(400),
  INVALID_MAPPING: refused(400),
  [HttpErrorCode.MalformedJson]: refused(400),
  [HttpErrorCode.BadHeader]: refused(400),
  [HttpErrorCode.Unauthenticated]: refused(401),
  [DomainErrorCode.PermissionDenied]: refused(403),
  // Another organisation's lead is answered as no lead at all: nothing about it is told.
  [DomainErrorCode.WrongOrganisation]: refused(404),
  [DomainErrorCode.NotFound]: refused(404),
  [HttpErrorCode.NoRoute]: refused(404),
  [HttpErrorCode.MethodNotAllowed]: refused(405),
  [DomainErrorCode.AlreadyExists]: refused(409),
  [DomainErrorCode.LeadDeleted]: refused(409),
  [DomainErrorCode.LeadConverted]: refused(409),
  [DomainErrorCode.LeadMerged]: refused(409),
  [DomainErrorCode.ClaimHeld]: refused(409),
  [DomainErrorCode.NotClaimed]: refused(409),
  [DomainErrorCode.AlreadyOwned]: refused(409),
  [DomainErrorCode.InvalidTransition]: refused(409),
  [DomainErrorCode.RoleRegression]: refused(409),
  [DomainErrorCode.DuplicateSuspected]: refused(409),
  [DomainErrorCode.EmailNotSendable]: refused(409),
  [RuntimeErrorCode.ConcurrencyConflict]: refused(409),
  [RuntimeErrorCode.RevisionMismatch]: refused(409),
  NOT_PARKED: refused(404),
  [HttpErrorCode.BodyTooLarge]: refused(413),
  [HttpErrorCode.UnsupportedMediaType]: refused(415),
  MERGE_INCOMPLETE: unavailable,
  READ_MODEL_NOT_READY: unavailable,
  PROJECTIONS_STOPPED: unavailable,
  UNAVAILABLE: unavailable,
  DISPOSED: unavailable,
  [RuntimeErrorCode.Closed]: unavailable,
  [RuntimeErrorCode.SettleTimeout]: unavailable,
};

export const UNEXPECTED: StatusRule = { status: 500, tellMessage: false };

/** The status rule of an error by its `code`; unexpected when it has none or an unknown one. */
export function statusRuleOf(error: unknown): StatusRule {
  const code = codeOf(error);
  return code === null ? UNEXPECTED : (STATUS_BY_CODE[code] ?? UNEXPECTED);
}

export function codeOf(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const code: unknown = Reflect.get(error, 'code');
  return typeof code === 'string' ? code : null;
}
