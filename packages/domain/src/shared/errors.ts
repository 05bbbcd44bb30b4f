// Every refusal of the domain is a DomainError with a stable code, the field and the rule broken,
// and a message a person can act on. Nothing is emitted when one is thrown.

export const DomainErrorCode = {
  Validation: 'VALIDATION_FAILED',
  PermissionDenied: 'PERMISSION_DENIED',
  WrongOrganisation: 'WRONG_ORGANISATION',
  NotFound: 'NOT_FOUND',
  AlreadyExists: 'ALREADY_EXISTS',
  LeadDeleted: 'LEAD_DELETED',
  /** The person behind the lead was erased (docs/privacy.md). */
  ContactErased: 'CONTACT_ERASED',
  LeadConverted: 'LEAD_CONVERTED',
  LeadMerged: 'LEAD_MERGED',
  ClaimHeld: 'CLAIM_HELD',
  NotClaimed: 'NOT_CLAIMED',
  AlreadyOwned: 'ALREADY_OWNED',
  InvalidTransition: 'INVALID_TRANSITION',
  RoleRegression: 'ROLE_REGRESSION',
  UnknownStage: 'UNKNOWN_STAGE',
  UnknownWorkflow: 'UNKNOWN_WORKFLOW',
  DuplicateSuspected: 'DUPLICATE_SUSPECTED',
  /** The lead has no email address, or opted out of email. */
  EmailNotSendable: 'EMAIL_NOT_SENDABLE',
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export interface DomainErrorDetails {
  /** The command field the error is about, e.g. `email`, `stageId`, `leadId`. */
  readonly field: string;
  /** The rule broken, in a few words: `required`, `max-length:200`, `must-be-unassigned`. */
  readonly rule: string;
  readonly message: string;
}

export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  readonly code: DomainErrorCode;
  readonly field: string;
  readonly rule: string;

  constructor(code: DomainErrorCode, details: DomainErrorDetails) {
    super(details.message);
    this.code = code;
    this.field = details.field;
    this.rule = details.rule;
  }

  toJSON(): { code: DomainErrorCode; field: string; rule: string; message: string } {
    return { code: this.code, field: this.field, rule: this.rule, message: this.message };
  }
}

/** A command whose input breaks a validation rule; `issues` lists every broken field, first one in `field`. */
export class ValidationError extends DomainError {
  override readonly name = 'ValidationError';
  readonly issues: readonly DomainErrorDetails[];

  constructor(issues: readonly [DomainErrorDetails, ...DomainErrorDetails[]]) {
    super(DomainErrorCode.Validation, issues[0]);
    this.issues = issues;
  }
}

export class PermissionDeniedError extends DomainError {
  override readonly name = 'PermissionDeniedError';
  constructor(details: DomainErrorDetails) {
    super(DomainErrorCode.PermissionDenied, details);
  }
}

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;
