// Personal values sealed with their contact's key: AES-256-GCM, a random IV per envelope, the key id in
// the envelope (and bound to the ciphertext as additional data), all in one string.
// - `llenc2` (written now): one envelope per event holding all its sealed values, kept in the event's
//   `$sealed` property; each sealed field holds a marker (`llenc2#0`, `llenc2#1`…), its value's place in
//   the envelope. One cipher operation per event, however many fields it seals.
// - `llenc1` (read, as histories hold it): one envelope per value, standing where the value stood.
// Either way the event keeps its shape and everything else in it stays plain.
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

/** What a reader sees where a value was sealed with a key that has since been erased. */
export const ERASED_PLACEHOLDER = '[erased]';

const PREFIX = 'llenc1';
const EVENT_PREFIX = 'llenc2';
/** The property of a sealed event's data that holds its one envelope. */
export const SEALED_PROPERTY = '$sealed';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/**
 * A sealed value anywhere in a text, as an envelope or a marker (a journey summary built from sealed
 * data holds some).
 */
export const ENVELOPE_PATTERN = /llenc1\.[0-9A-Za-z-]+\.[0-9A-Za-z_-]+\.[0-9A-Za-z_-]+|llenc2#\d+/g;
const WHOLE_ENVELOPE = /^llenc1\.([0-9A-Za-z-]+)\.([0-9A-Za-z_-]+)\.([0-9A-Za-z_-]+)$/;
const EVENT_ENVELOPE = /^llenc2\.([0-9A-Za-z-]+)\.([0-9A-Za-z_-]+)\.([0-9A-Za-z_-]+)$/;
const MARKER = /^llenc2#(\d{1,6})$/;

export interface ContactKey {
  readonly keyId: string;
  /** 32 bytes of AES-256 key material. */
  readonly key: Uint8Array;
}

// A KeyObject per key material, made once: creating the cipher from it skips copying and checking the raw key.
const keyObjects = new WeakMap<Uint8Array, KeyObject>();
const keyObjectOf = (key: Uint8Array): KeyObject => {
  let object = keyObjects.get(key);
  if (object === undefined) {
    object = createSecretKey(key);
    keyObjects.set(key, object);
  }
  return object;
};

// IVs are drawn from the CSPRNG in blocks: one call per 256 values instead of one per value.
const IVS_PER_BLOCK = 256;
let ivBlock = Buffer.alloc(0);
let ivOffset = 0;
const nextIv = (): Buffer => {
  if (ivOffset >= ivBlock.length) {
    ivBlock = randomBytes(IV_BYTES * IVS_PER_BLOCK);
    ivOffset = 0;
  }
  const iv = ivBlock.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
};

/** The text sealed with the key: `keyId.iv.body`, each part Base64url. */
function seal(contactKey: ContactKey, text: string): string {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', keyObjectOf(contactKey.key), iv);
  cipher.setAAD(Buffer.from(contactKey.keyId, 'latin1'));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${contactKey.keyId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/** The value (any JSON) sealed into an envelope string of its own (`llenc1`). */
export function sealValue(contactKey: ContactKey, value: unknown): string {
  return `${PREFIX}.${seal(contactKey, JSON.stringify(value))}`;
}

/** An event's sealed values (in the order of their markers) in one envelope (`llenc2`). */
export function sealValues(contactKey: ContactKey, values: readonly unknown[]): string {
  return `${EVENT_PREFIX}.${seal(contactKey, JSON.stringify(values))}`;
}

/** The marker a sealed field holds in place of the value at `index` of its event's envelope. */
export const sealedMarker = (index: number): string => `${EVENT_PREFIX}#${index}`;

/** The index a marker names, or null for any other text. */
export function markerIndex(text: string): number | null {
  if (text.charCodeAt(0) !== 108 || !text.startsWith(`${EVENT_PREFIX}#`)) return null;
  const found = MARKER.exec(text);
  return found === null ? null : Number(found[1]);
}

/** True when a stored field holds sealed data: a whole `llenc1` envelope or an `llenc2` marker. */
export const isSealedField = (text: string): boolean => isEnvelope(text) || markerIndex(text) !== null;

/** True when the text is one whole envelope. */
export const isEnvelope = (text: string): boolean => text.startsWith(`${PREFIX}.`) && WHOLE_ENVELOPE.test(text);

/** An envelope's parts, or null for any other text. */
export interface EnvelopeParts {
  readonly keyId: string;
  readonly iv: string;
  readonly body: string;
}

export function parseEnvelope(text: string): EnvelopeParts | null {
  // Most strings an event holds are not envelopes: a prefix check turns them away before the pattern runs.
  if (text.charCodeAt(0) !== 108 || !text.startsWith(`${PREFIX}.`)) return null;
  const parts = WHOLE_ENVELOPE.exec(text);
  if (parts === null) return null;
  const [, keyId = '', iv = '', body = ''] = parts;
  return { keyId, iv, body };
}

/**
 * The sealed value, or the placeholder when the key is gone (erased) or the envelope does not open
 * with it (altered): a reader never gets an error in place of a history.
 */
export function openEnvelope(text: string, key: Uint8Array | null): unknown {
  const parts = parseEnvelope(text);
  return parts === null ? ERASED_PLACEHOLDER : openParts(parts, key);
}

/** `openEnvelope` of an envelope already parsed. */
export function openParts(parts: EnvelopeParts, key: Uint8Array | null): unknown {
  const opened = openText(parts, key);
  return opened === UNOPENED ? ERASED_PLACEHOLDER : opened;
}

/** An event envelope's parts (`llenc2`), or null for any other text. */
export function parseEventEnvelope(text: string): EnvelopeParts | null {
  const parts = EVENT_ENVELOPE.exec(text);
  if (parts === null) return null;
  const [, keyId = '', iv = '', body = ''] = parts;
  return { keyId, iv, body };
}

/** An event envelope's values, or null when the key is gone (erased) or it does not open with it (altered). */
export function openValues(parts: EnvelopeParts, key: Uint8Array | null): readonly unknown[] | null {
  const opened = openText(parts, key);
  return Array.isArray(opened) ? opened : null;
}

const UNOPENED: unique symbol = Symbol('unopened');

/** The JSON sealed in the parts, or UNOPENED when it does not open with the key (none, another, or altered). */
function openText({ keyId, iv, body: bodyText }: EnvelopeParts, key: Uint8Array | null): unknown {
  if (key === null) return UNOPENED;
  const body = Buffer.from(bodyText, 'base64url');
  if (body.length < TAG_BYTES) return UNOPENED;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyObjectOf(key), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(keyId, 'latin1'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    // Straight to text: GCM's final adds no bytes, it only checks the tag.
    const plain =
      decipher.update(body.subarray(0, body.length - TAG_BYTES), undefined, 'utf8') + decipher.final('utf8');
    return JSON.parse(plain) as unknown;
  } catch {
    return UNOPENED;
  }
}

/** A text with every envelope in it replaced by the placeholder: what it reads as once the keys are erased. */
export const withEnvelopesErased = (text: string): string => text.replace(ENVELOPE_PATTERN, ERASED_PLACEHOLDER);
