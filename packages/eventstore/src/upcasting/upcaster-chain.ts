// Applies registered upcasters, version after version, to recorded events on their way out of a store.
import type { RecordedEvent } from '../port/events.js';
import { invalid, requireNonEmptyString } from '../validation/invalid-argument.js';
import type { Upcaster } from './upcaster.js';

export interface UpcasterChain {
  /** True when no upcaster is registered: `apply` returns its argument. */
  readonly isEmpty: boolean;
  /** The event at the newest version its upcasters reach; the same object when none applies. */
  apply<Event extends RecordedEvent>(event: Event): Event;
}

/** Rejects malformed upcasters and two upcasters for the same type and version. */
export function createUpcasterChain(upcasters: readonly Upcaster[] = []): UpcasterChain {
  const byTypeAndVersion = new Map<string, Map<number, Upcaster>>();
  upcasters.forEach((upcaster, index) => {
    const field = `upcasters[${index}]`;
    requireNonEmptyString(upcaster.eventType, `${field}.eventType`);
    if (!Number.isSafeInteger(upcaster.fromVersion) || upcaster.fromVersion < 1) {
      throw invalid(
        `${field}.fromVersion`,
        'positive integer',
        `must be a whole number from 1, got ${String(upcaster.fromVersion)}`,
      );
    }
    if (typeof upcaster.upcast !== 'function') throw invalid(`${field}.upcast`, 'function', 'must be a function');
    const versions = byTypeAndVersion.get(upcaster.eventType) ?? new Map<number, Upcaster>();
    if (versions.has(upcaster.fromVersion)) {
      throw invalid(
        field,
        'one upcaster per type and version',
        `upcasts ${upcaster.eventType} v${upcaster.fromVersion}, which another upcaster already does`,
      );
    }
    versions.set(upcaster.fromVersion, upcaster);
    byTypeAndVersion.set(upcaster.eventType, versions);
  });

  if (byTypeAndVersion.size === 0) return { isEmpty: true, apply: (event) => event };

  return {
    isEmpty: false,
    apply<Event extends RecordedEvent>(event: Event): Event {
      const versions = byTypeAndVersion.get(event.type);
      if (versions === undefined) return event;
      let { data, metadata } = event;
      let upcaster = versions.get(metadata.schemaVersion);
      if (upcaster === undefined) return event;
      while (upcaster !== undefined) {
        const next = upcaster.upcast(data, metadata);
        data = next.data;
        metadata = { ...(next.metadata ?? metadata), schemaVersion: upcaster.fromVersion + 1 };
        upcaster = versions.get(metadata.schemaVersion);
      }
      return { ...event, data, metadata };
    },
  };
}
