// The contact key table's port, and its in-memory implementation. A contact may hold several keys (two
// processes creating its first key at once both win); erasing a contact deletes every one of them.
import { randomBytes, randomUUID } from 'node:crypto';
import { KEY_BYTES, type ContactKey } from './envelope.js';

/** A contact's new key, not stored yet: an append that can write keys stores it with the events it seals. */
export interface NewContactKey extends ContactKey {
  readonly contactId: string;
}

export interface ContactKeyStore {
  /** A key of the contact, created (and stored) when it holds none. */
  keyFor(contactId: string): Promise<ContactKey>;
  /** A key of the contact, or null when it holds none: looks only, creates nothing. */
  find(contactId: string): Promise<ContactKey | null>;
  /** Stores a key made elsewhere unless one of its id is held; true when it stored it. */
  adopt(key: NewContactKey): Promise<boolean>;
  /** The key material by key id; null when no such key is held (never was, or erased). */
  keyById(keyId: string): Promise<Uint8Array | null>;
  /** `keyById` for several ids in one look (one query on a durable store): every id given is in the map. */
  keysById(keyIds: readonly string[]): Promise<ReadonlyMap<string, Uint8Array | null>>;
  /** Deletes every key of the contact; how many there were (0: nothing to erase, a repeat is harmless). */
  erase(contactId: string): Promise<number>;
  /** How many keys the table holds (for health and tests). */
  count(): Promise<number>;
}

// Key material is drawn from the CSPRNG in blocks (one call per 256 new contacts) and copied out, so no
// two keys share memory and erasing one (overwriting it) leaves the others whole.
const KEYS_PER_BLOCK = 256;
let keyBlock = Buffer.alloc(0);
let keyOffset = 0;

/** A fresh key for a contact: a random id and 32 random bytes. */
export const newContactKey = (): ContactKey => {
  if (keyOffset >= keyBlock.length) {
    keyBlock = randomBytes(KEY_BYTES * KEYS_PER_BLOCK);
    keyOffset = 0;
  }
  const key = Buffer.from(keyBlock.subarray(keyOffset, keyOffset + KEY_BYTES));
  keyBlock.fill(0, keyOffset, keyOffset + KEY_BYTES);
  keyOffset += KEY_BYTES;
  return { keyId: randomUUID(), key };
};

type HeldKey = NewContactKey;

/** Keys in a Map: for the in-memory store, tests and replays. Gone with the process. */
export function createMemoryKeyStore(): ContactKeyStore {
  const byId = new Map<string, HeldKey>();
  // Every key of a contact, the first one first (the one sealing uses).
  const byContact = new Map<string, HeldKey[]>();
  const hold = (held: HeldKey): HeldKey => {
    byId.set(held.keyId, held);
    byContact.set(held.contactId, [...(byContact.get(held.contactId) ?? []), held]);
    return held;
  };
  return {
    keyFor: (contactId) => Promise.resolve(byContact.get(contactId)?.[0] ?? hold({ ...newContactKey(), contactId })),
    find: (contactId) => Promise.resolve(byContact.get(contactId)?.[0] ?? null),
    adopt(key) {
      if (byId.has(key.keyId)) return Promise.resolve(false);
      hold({ keyId: key.keyId, key: Buffer.from(key.key), contactId: key.contactId });
      return Promise.resolve(true);
    },
    keyById: (keyId) => Promise.resolve(byId.get(keyId)?.key ?? null),
    keysById: (keyIds) => Promise.resolve(new Map(keyIds.map((keyId) => [keyId, byId.get(keyId)?.key ?? null]))),
    erase(contactId) {
      const held = byContact.get(contactId) ?? [];
      byContact.delete(contactId);
      for (const key of held) {
        byId.delete(key.keyId);
        // Overwrite the material, so a reference kept elsewhere holds zeros.
        key.key.fill(0);
      }
      return Promise.resolve(held.length);
    },
    count: () => Promise.resolve(byId.size),
  };
}
