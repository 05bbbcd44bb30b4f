// The JSON answers of the web-form handler. Every accepted submission gets the same answer, whether it
// was created, skipped as a duplicate or caught by the honeypot, so a sender learns nothing from it.

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

export const refused = (
  status: number,
  code: string,
  rule: string,
  message: string,
  headers?: Record<string, string>,
): Response => json(status, { error: { code, rule, message } }, headers);

export const invalidFields = (fields: readonly FieldError[]): Response =>
  json(422, { error: { code: 'VALIDATION_FAILED', message: 'Some fields need fixing.', fields } });
