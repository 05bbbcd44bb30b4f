// The contact key table's port, and its in-memory implementation. A contact may hold several keys (two
// processes creating its first key at once both win); erasing a contact deletes every one of them.
import { randomBytes, randomUUID } from 'node:crypto';
import { KEY_BYTES, type ContactKey } from './envelope.js';

export interface ContactKeyStore {
  /** A key of the contact, created (and stored) when it holds none. */
  keyFor(contactId: string): Promise<ContactKey>;
  /** The key material by key id; null when no such key is held (never was, or erased). */
  keyById(keyId: string): Promise<Uint8Array | null>;
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

interface HeldKey extends ContactKey {
  readonly contactId: string;
}

/** Keys in a Map: for the in-memory store, tests and replays. Gone with the process. */
export function createMemoryKeyStore(): ContactKeyStore {
  const byId = new Map<string, HeldKey>();
  const byContact = new Map<string, HeldKey>();
  return {
    keyFor(contactId) {
      let held = byContact.get(contactId);
      if (held === undefined) {
        held = { ...newContactKey(), contactId };
        byId.set(held.keyId, held);
        byContact.set(contactId, held);
      }
      return Promise.resolve(held);
    },
    keyById: (keyId) => Promise.resolve(byId.get(keyId)?.key ?? null),
    erase(contactId) {
      const held = byContact.get(contactId);
      if (held === undefined) return Promise.resolve(0);
      byContact.delete(contactId);
      byId.delete(held.keyId);
      // Overwrite the material, so a reference kept elsewhere holds zeros.
      held.key.fill(0);
      return Promise.resolve(1);
    },
    count: () => Promise.resolve(byId.size),
  };
}
