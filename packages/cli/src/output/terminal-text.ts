// Text bound for a terminal: control characters, escape sequences and bidirectional overrides are shown
// as visible escapes (`\x1b`, `\u202e`), never obeyed. A lead's name or a note comes from whoever filled
// in a form or a CSV: printed raw, `\x1b]52;…` could write the clipboard and `\x1b[2J` wipe the screen.

/** C0 controls but tab and newline, DEL, C1 (8-bit CSI and friends) and bidi controls. */
const UNSAFE_IN_OUTPUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** In one field, tab and newline too: a field must not fake a row or a column of a table. */
const UNSAFE_IN_FIELD = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const visible = (character: string): string => {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * The text with every character a terminal would act on shown as an escape. A field (the default) keeps
 * to one line; `multiline` keeps newlines and tabs, for whole outputs whose fields were escaped already.
 */
export function terminalSafe(text: string, options: { readonly multiline?: boolean } = {}): string {
  return text.replace(options.multiline === true ? UNSAFE_IN_OUTPUT : UNSAFE_IN_FIELD, visible);
}

/** JSON escapes C0 controls itself; DEL, C1 and bidi controls in its strings become `\u` escapes too. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** JSON text as safe on a terminal as a table, and still the same JSON value. */
export const terminalSafeJson = (json: string): string =>
  json.replace(UNSAFE_IN_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
