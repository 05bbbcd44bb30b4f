// `leadline migrate encrypt-personal-data`: copies a store whose history was written plain (wholly or
// before sealing was turned on) into a new store that seals personal data per contact, keeping every
// event's id, stream, revision, type and metadata, in the same order. Leads erased in the source are
// erased in the copy too, so values their plain events held are gone there. Then it checks the copy:
// the same events in the same order with the same opened data, and no personal field stored plain.
import { isDeepStrictEqual } from 'node:util';
import {
  compilePolicy,
  createSealingEventStore,
  ExpectedRevision,
  isSealedField,
  mapFields,
  START,
  storedDataOf,
  type EventStore,
  type EventToAppend,
  type PersonalDataPolicy,
  type RecordedEvent,
  type SealingEventStore,
} from '@leadline/eventstore';
import { ClientId } from '@leadline/domain';
import { InvalidOptionError } from '../commands/errors.js';
import { openEventStore, type AdapterLoaders } from '../store-url/open-stores.js';
import { parseStoreUrl } from '../store-url/store-url.js';
import { openKeyStore } from './open-key-store.js';
import { clientContactId, LEADLINE_PERSONAL_DATA } from './personal-data-policy.js';

export interface SealMigrationProgress {
  /** The source position copied up to, and the source's head when the run began. */
  readonly position: bigint;
  readonly head: bigint;
  readonly copied: number;
}

export interface SealMigrationOptions {
  /** The store to copy, read with its sealed values opened (`leadline.store`, or any plain store). */
  readonly source: EventStore;
  /** The raw target store (empty, or holding what an earlier run copied) and the key store sealing into it. */
  readonly target: EventStore;
  readonly keys: SealingEventStore['keys'];
  readonly policy?: PersonalDataPolicy;
  /** Events appended together when they follow each other in one stream (default 200). */
  readonly batchSize?: number;
  readonly onProgress?: (progress: SealMigrationProgress) => void;
}

export interface SealMigrationReport {
  /** Events appended by this run. */
  readonly copied: number;
  /** Events an earlier run had copied already (a rerun resumes after them). */
  readonly alreadyCopied: number;
  /** Leads erased in the source, whose keys the copy erased too. */
  readonly erasedLeads: number;
  readonly verification: SealMigrationVerification;
}

export interface SealMigrationVerification {
  readonly ok: boolean;
  /** Events compared, in order, source against copy. */
  readonly events: number;
  /** Personal values the copy holds sealed. */
  readonly sealedValues: number;
  /** What differs, at most 20 lines: an event out of place, different data, a personal value stored plain. */
  readonly problems: readonly string[];
}

const MAX_PROBLEMS = 20;

/** Copies the source into the sealed target, erases what the source erased, then verifies the copy. */
export async function migrateToSealedStore(options: SealMigrationOptions): Promise<SealMigrationReport> {
  const policy = options.policy ?? LEADLINE_PERSONAL_DATA;
  const sealed = createSealingEventStore(options.target, { keys: options.keys, policy });
  const { copied, alreadyCopied, erased } = await copy(options, sealed);
  for (const leadId of erased) await sealed.eraseContact(leadId);
  const verification = await verifySealedCopy(options.source, sealed, policy, erased);
  return { copied, alreadyCopied, erasedLeads: erased.size, verification };
}

async function copy(
  options: SealMigrationOptions,
  sealed: SealingEventStore,
): Promise<{ copied: number; alreadyCopied: number; erased: Set<string> }> {
  const batchSize = options.batchSize ?? 200;
  const head = await options.source.headPosition();
  /** The copy's revision of each stream seen: an event at or below it was copied by an earlier run. */
  const revisions = new Map<string, bigint | null>();
  const erased = new Set<string>();
  let copied = 0;
  let alreadyCopied = 0;
  let batch: RecordedEvent[] = [];

  const flush = async (): Promise<void> => {
    const [first] = batch;
    if (first === undefined) return;
    const events: EventToAppend[] = batch.map(({ eventId, type, data, metadata }) => ({
      eventId,
      type,
      data,
      metadata,
    }));
    await sealed.append(first.streamName, events, {
      expectedRevision: first.revision === 0n ? ExpectedRevision.NoStream : first.revision - 1n,
    });
    revisions.set(first.streamName, first.revision + BigInt(batch.length) - 1n);
    copied += batch.length;
    const last = batch[batch.length - 1];
    batch = [];
    options.onProgress?.({ position: last?.position ?? head, head, copied });
  };

  for await (const event of options.source.readAll({ after: START })) {
    if (event.position > head) break;
    if (event.type === 'ContactErased') erased.add((event.data as { leadId: string }).leadId);
    if (event.type === 'ClientErased')
      erased.add(clientContactId(ClientId((event.data as { clientId: string }).clientId)));
    if (!revisions.has(event.streamName))
      revisions.set(event.streamName, await sealed.streamRevision(event.streamName));
    const copiedUpTo = revisions.get(event.streamName) ?? null;
    if (copiedUpTo !== null && event.revision <= copiedUpTo) {
      alreadyCopied += 1;
      continue;
    }
    const [first] = batch;
    if (first !== undefined && (first.streamName !== event.streamName || batch.length >= batchSize)) await flush();
    batch.push(event);
  }
  await flush();
  return { copied, alreadyCopied, erased };
}

/**
 * The copy against the source, event by event: same id, stream, revision, type and metadata, the same
 * data once opened (placeholders for erased leads), and every personal field of the policy stored sealed.
 */
export async function verifySealedCopy(
  source: EventStore,
  copy: EventStore,
  policy: PersonalDataPolicy,
  erasedLeads: ReadonlySet<string>,
): Promise<SealMigrationVerification> {
  const compiled = compilePolicy(policy);
  const problems: string[] = [];
  const problem = (text: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };
  const copied = copy.readAll({ after: START })[Symbol.asyncIterator]();
  let events = 0;
  let sealedValues = 0;
  for await (const original of source.readAll({ after: START })) {
    const next = await copied.next();
    if (next.done === true) {
      problem(`the copy ends before source event ${original.eventId} (${original.type})`);
      break;
    }
    const event = next.value;
    events += 1;
    const where = `${original.streamName}@${original.revision} (${original.type})`;
    if (
      event.eventId !== original.eventId ||
      event.streamName !== original.streamName ||
      event.revision !== original.revision ||
      event.type !== original.type
    ) {
      problem(`${where}: the copy holds ${event.streamName}@${event.revision} (${event.type}) ${event.eventId} here`);
      continue;
    }
    if (!isDeepStrictEqual(event.metadata, original.metadata)) problem(`${where}: metadata differs`);
    const personal = compiled.get(event.type);
    const contact = personal?.contactOf(original.data, original.streamName) ?? null;
    // An erased lead's values read as the placeholder in the copy, even those its source held plain.
    const erased = contact !== null && erasedLeads.has(contact);
    if (!erased && !isDeepStrictEqual(event.data, original.data)) problem(`${where}: data differs once opened`);
    if (personal === undefined || contact === null) continue;
    mapFields(storedDataOf(event), personal, (value) => {
      if (typeof value === 'string' && isSealedField(value)) sealedValues += 1;
      else problem(`${where}: a personal field is stored plain`);
      return value;
    });
  }
  if ((await copied.next()).done !== true) problem('the copy holds events the source does not');
  await copied.return?.();
  return { ok: problems.length === 0, events, sealedValues, problems };
}

export interface EncryptPersonalDataOptions extends Pick<SealMigrationOptions, 'source' | 'batchSize' | 'onProgress'> {
  /** The new store: `sqlite:FILE` or `postgres://…` (its keys beside the events); never the source itself. */
  readonly targetUrl: string;
  readonly adapters?: AdapterLoaders;
}

/** `migrateToSealedStore` into a store opened by URL, closed again when done. */
export async function encryptPersonalData(options: EncryptPersonalDataOptions): Promise<SealMigrationReport> {
  const kind = parseStoreUrl(options.targetUrl, 'to').kind;
  if (kind !== 'sqlite' && kind !== 'postgres') {
    throw new InvalidOptionError(
      'to',
      'durable-sql-store',
      'The sealed copy goes to a sqlite: or postgres:// store, which keeps its keys beside the events.',
    );
  }
  const adapters = options.adapters === undefined ? {} : { adapters: options.adapters };
  const target = await openEventStore(options.targetUrl, adapters);
  try {
    const opened = await openKeyStore(options.targetUrl, options.targetUrl, options.adapters);
    if (opened === null) throw new InvalidOptionError('to', 'durable-sql-store', 'The target holds no key table.');
    try {
      return await migrateToSealedStore({ ...options, target, keys: opened.keys });
    } finally {
      await opened.close();
    }
  } finally {
    await target.dispose();
  }
}
