// Idempotency keys live in the events, not in process memory: the key is written to each event's
// metadata and fixes its id, so a retry after a restart finds the first outcome in the stream.
import { hash } from 'node:crypto';

/** The namespace of every id Leadline derives from an idempotency key (a fixed, random uuid). */
export const LEADLINE_ID_NAMESPACE = '7d0b6c1e-2f4a-5c8e-9b1d-3e6f8a2c4d70';

const NAMESPACE_BYTES = Buffer.from(LEADLINE_ID_NAMESPACE.replaceAll('-', ''), 'hex');
/** Namespace then name, hashed from one reused buffer: no allocation per id for names that fit. */
const HASH_INPUT = Buffer.alloc(16 + 3 * 1024);
NAMESPACE_BYTES.copy(HASH_INPUT);
/** A UTF-16 code unit is at most 3 bytes of UTF-8, so a name this long always fits. */
const LONGEST_INPLACE_NAME = (HASH_INPUT.length - 16) / 3;
/** The variant digit (10xx) for the hex digit the hash put there. */
const VARIANT_DIGIT: Readonly<Record<string, string>> = Object.fromEntries(
  Array.from('0123456789abcdef', (digit) => digit).map((digit) => [
    digit,
    ((parseInt(digit, 16) & 0x3) | 0x8).toString(16),
  ]),
);

/**
 * A deterministic uuid for something a keyed command creates (`purpose`: 'lead', 'claim', 'note',
 * 'event:lead-42:0'): the same organisation, key and purpose always give the same id.
 */
export function derivedId(orgId: string, idempotencyKey: string, purpose: string): string {
  // JSON.stringify escapes lone surrogates, so the name is well-formed UTF-16 and its UTF-8 bytes are
  // exactly what the uuid package hashed: ids stored by earlier versions are derived again unchanged.
  return uuidV5(JSON.stringify([orgId, idempotencyKey, purpose]));
}

/** The id of the index-th event a keyed command appends to a stream; the store's idempotent append catches a replay. */
export function derivedEventId(orgId: string, idempotencyKey: string, streamName: string, index: number): string {
  return derivedId(orgId, idempotencyKey, `event:${streamName}:${index}`);
}

export const idempotencyKeyOf = (metadata: { readonly [key: string]: unknown }): string | null =>
  typeof metadata.idempotencyKey === 'string' ? metadata.idempotencyKey : null;

/**
 * RFC 9562 version 5 (SHA-1, name-based) in our namespace, on Node's native hash: the uuid package
 * re-parses the namespace and encodes the name char by char on every call. A keyed command derives
 * several ids (command, lead, each event); on compiled JS this pays 16% of the import.
 */
function uuidV5(name: string): string {
  const input =
    name.length <= LONGEST_INPLACE_NAME
      ? HASH_INPUT.subarray(0, 16 + HASH_INPUT.write(name, 16, 'utf8'))
      : Buffer.concat([NAMESPACE_BYTES, Buffer.from(name, 'utf8')]);
  const hex = hash('sha1', input, 'hex');
  // The version digit is 5; the variant digit keeps its low two bits under 10.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${VARIANT_DIGIT[hex.charAt(16)] ?? ''}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
