// What a failed request answers: the code, the field, the rule and the message of a refusal (every
// broken field of a validation, the current revision of a conflict), or for a failure of the server
// only an error id to quote: never its message, stack or internals.
import { ValidationError } from '@leadline/domain';
import { RevisionMismatchError } from 'leadline';
import { codeOf, statusRuleOf } from './status.js';

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly field?: string;
    readonly rule?: string;
    readonly issues?: readonly { readonly field: string; readonly rule: string; readonly message: string }[];
    readonly currentRevision?: string | null;
    readonly errorId?: string;
  };
}

export interface ErrorAnswer {
  readonly status: number;
  readonly body: ErrorBody;
  /** Set when the failure is the server's: log it under this id. */
  readonly errorId: string | null;
}

const SERVER_MESSAGES: Readonly<Record<number, string>> = {
  500: 'The server failed on this request; nothing about it is shown here. Quote the errorId to the operator.',
  503: 'The service cannot answer right now (its store or read models are unavailable); try again shortly.',
};

export function errorAnswer(error: unknown, newErrorId: () => string): ErrorAnswer {
  const rule = statusRuleOf(error);
  const code = codeOf(error) ?? 'INTERNAL';
  if (!rule.tellMessage || !(error instanceof Error)) {
    const errorId = newErrorId();
    const shown = rule.status === 500 ? 'INTERNAL' : code;
    return {
      status: rule.status,
      body: { error: { code: shown, message: SERVER_MESSAGES[rule.status] ?? SERVER_MESSAGES[500] ?? '', errorId } },
      errorId,
    };
  }
  const field: unknown = Reflect.get(error, 'field');
  const broken: unknown = Reflect.get(error, 'rule');
  return {
    status: rule.status,
    body: {
      error: {
        code,
        message: error.message,
        ...(typeof field === 'string' ? { field } : {}),
        ...(typeof broken === 'string' ? { rule: broken } : {}),
        ...(error instanceof ValidationError
          ? { issues: error.issues.map(({ field: f, rule: r, message }) => ({ field: f, rule: r, message })) }
          : {}),
        ...(error instanceof RevisionMismatchError
          ? { currentRevision: error.currentRevision === null ? null : String(error.currentRevision) }
          : {}),
      },
    },
    errorId: null,
  };
}
