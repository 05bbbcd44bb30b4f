// Text bound for a terminal: control characters, escape sequences and bidirectional overrides are shown
// as visible escapes (`\x1b`, `\u202e`), never obeyed. A lead's name or a note comes from whoever filled
// in a form or a CSV: printed raw, `ESC ] 52 ;…` could write the clipboard and `ESC [ 2 J` wipe the screen.

const TAB = 0x09;
const NEWLINE = 0x0a;

/** C0 and C1 controls, DEL, and the bidi controls (marks, embeddings, overrides, isolates). */
function isActive(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

const visible = (code: number): string =>
  code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;

/**
 * The text with every character a terminal would act on shown as an escape. A field (the default) keeps
 * to one line; `multiline` keeps newlines and tabs, for whole outputs whose fields were escaped already.
 */
export function terminalSafe(text: string, options: { readonly multiline?: boolean } = {}): string {
  const keepLines = options.multiline === true;
  let safe = '';
  let from = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (!isActive(code) || (keepLines && (code === NEWLINE || code === TAB))) continue;
    safe += text.slice(from, index) + visible(code);
    from = index + 1;
  }
  return from === 0 ? text : safe + text.slice(from);
}

/** JSON text as safe on a terminal as a table, and still the same JSON value. */
export function terminalSafeJson(json: string): string {
  // JSON escapes C0 controls itself; DEL, C1 and bidi controls in its strings become `\u` escapes too.
  let safe = '';
  let from = 0;
  for (let index = 0; index < json.length; index += 1) {
    const code = json.charCodeAt(index);
    if (code < 0x7f || !isActive(code)) continue;
    safe += `${json.slice(from, index)}\\u${code.toString(16).padStart(4, '0')}`;
    from = index + 1;
  }
  return from === 0 ? json : safe + json.slice(from);
}
