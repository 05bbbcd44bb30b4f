// Durable stores keep event data and metadata as JSON text: serialised once on append, parsed once on read.
import { InvalidArgumentError } from '../port/errors.js';

/** JSON.stringify, with the undefined its declared type leaves out (for undefined, a function, a symbol). */
const stringify = (value: unknown): string | undefined => JSON.stringify(value);

/** JSON text of a value, or InvalidArgumentError (before anything is written) when it has none. */
export function toJsonText(value: unknown, field: string): string {
  let text: string | undefined;
  try {
    text = stringify(value);
  } catch (error) {
    // bigint values and cycles: JSON cannot carry them, and a durable store must not guess.
    throw new InvalidArgumentError(
      field,
      'JSON',
      `${field} must be JSON: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  if (text === undefined)
    throw new InvalidArgumentError(field, 'JSON', `${field} must be JSON, but is a ${typeof value}.`);
  return text;
}
