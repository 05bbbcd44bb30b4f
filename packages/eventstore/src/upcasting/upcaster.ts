// An upcaster turns one stored version of an event type into the next; chains of them run on every read.
import type { EventMetadata } from '../port/events.js';

export interface Upcaster {
  readonly eventType: string;
  /** The schemaVersion this upcaster reads; it produces fromVersion + 1. */
  readonly fromVersion: number;
  /**
   * Returns the data of the next version. Returned metadata replaces the event's metadata (spread the
   * given one to keep it); the chain sets its schemaVersion to fromVersion + 1 either way.
   */
  upcast(data: unknown, metadata: EventMetadata): { readonly data: unknown; readonly metadata?: EventMetadata };
}

/** What every store factory accepts besides its own connection settings. */
export interface EventStoreOptions {
  readonly upcasters?: readonly Upcaster[];
}
