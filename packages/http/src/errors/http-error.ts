// Refusals of the HTTP layer itself (no actor, a body too large or not JSON), shaped like the library's
// errors: a stable code, the field and the rule broken, and a message a person can act on.

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly code: string,
    readonly field: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

export const HttpErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  BodyTooLarge: 'BODY_TOO_LARGE',
  MalformedJson: 'MALFORMED_JSON',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  BadHeader: 'BAD_HEADER',
  NoRoute: 'NO_ROUTE',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
} as const;

export const unauthenticated = (): HttpError =>
  new HttpError(
    HttpErrorCode.Unauthenticated,
    'authorization',
    'required',
    'Sign in first: this request carries no actor.',
  );

export const bodyTooLarge = (limit: number): HttpError =>
  new HttpError(
    HttpErrorCode.BodyTooLarge,
    'body',
    `bytes-max:${limit}`,
    `The request body is larger than ${limit} bytes; send less at once.`,
  );
