// The JSON answers of the web-form handler. Every accepted submission gets the same answer, whether it
// was created, folded into an earlier one, skipped as a duplicate or caught by the honeypot, so a sender
// learns nothing from it. Every refusal carries an error id (the server logs the internals under it)
// and never the internals themselves.

export interface FieldError {
  /** The form's own field name where the problem maps to one, else the lead field. */
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

export const accepted = (reference: string): Response => json(201, { status: 'received', reference });

export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly rule: string;
  /** For the person who filled the form in: never an internal error's text. */
  readonly message: string;
  readonly headers?: Record<string, string>;
}

export const refused = (errorId: string, refusal: Refusal): Response =>
  json(
    refusal.status,
    { error: { code: refusal.code, rule: refusal.rule, message: refusal.message, errorId } },
    refusal.headers,
  );

export const invalidFields = (errorId: string, fields: readonly FieldError[]): Response =>
  json(422, { error: { code: 'VALIDATION_FAILED', message: 'Some fields need fixing.', errorId, fields } });
