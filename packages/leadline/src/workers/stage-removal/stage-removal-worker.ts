// Moves leads out of removed stages. It learns where every lead is and which stages were removed from
// the store's feed (so a restart catches up), and sends MoveOutOfRemovedStage for each lead found in a
// removed stage: at the removal, and whenever a lead lands in one later (a stage change decided against
// the workflow as it stood just before the removal). The decider makes a second delivery harmless.
import type { EventStore, RecordedEvent } from '@leadline/eventstore';
import type { TimerHandle, Timers } from '../../runtime/clock.js';
import { createFeedWorker } from '../feed-worker.js';

/** The events that place a lead in a stage, take it off the board, or remove a stage. */
export const STAGE_REMOVAL_EVENT_TYPES = [
  'LeadCreated',
  'StageChanged',
  'LeadDeleted',
  'LeadMerged',
  'WorkflowStageRemoved',
] as const;

/** A lead sitting in a removed stage, and where it goes. */
export interface Relocation {
  readonly orgId: string;
  readonly leadId: string;
  readonly stageId: string;
  readonly fallbackStageId: string;
  /** The event that put it there (or the removal), for the command's causation. */
  readonly causedBy: { readonly eventId: string; readonly correlationId: string };
}

export interface StageRemovalWorkerOptions {
  readonly store: EventStore;
  readonly timers: Timers;
  /** Sends MoveOutOfRemovedStage; resolves when decided (written, or nothing to write). */
  readonly relocate: (relocation: Relocation) => Promise<void>;
  /** A failed relocation (store down, a context not yet showing the removal) is tried again after this long. Default 5 s. */
  readonly retryDelayMs?: number;
  readonly onError?: (error: unknown, relocation: Relocation | null) => void;
}

export interface StageRemovalWorker {
  /** Subscribes and catches up; resolves once every lead in the history is placed. */
  start(): Promise<void>;
  /** Resolves when the feed has handled everything stored now and no relocation is pending (a retry waits on its timer). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

interface Place {
  readonly orgId: string;
  readonly workflowId: string;
  readonly stageId: string;
  readonly causedBy: Relocation['causedBy'];
}

const stageKey = (workflowId: string, stageId: string): string => `${workflowId}\u0000${stageId}`;

export function createStageRemovalWorker(options: StageRemovalWorkerOptions): StageRemovalWorker {
  const { store, timers } = options;
  const places = new Map<string, Place>();
  const fallbacks = new Map<string, string>();
  const pending = new Set<string>();
  const retries = new Set<TimerHandle>();

  /** Where a lead in this stage belongs now: the fallback's fallback when that was removed too; null if the stage stands. */
  const fallbackOf = (workflowId: string, stageId: string): string | null => {
    let current = stageId;
    // Removals cannot form a cycle (a fallback is a standing stage), but a bad history must not hang us.
    for (let hops = 0; hops <= fallbacks.size; hops += 1) {
      const next = fallbacks.get(stageKey(workflowId, current));
      if (next === undefined) return current === stageId ? null : current;
      current = next;
    }
    return null;
  };

  const track = (event: RecordedEvent): void => {
    const data = event.data as { leadId?: string; workflowId?: string; stageId?: string; to?: string; side?: string };
    const causedBy = { eventId: event.eventId, correlationId: event.metadata.correlationId };
    const place = (leadId: string, workflowId: string, stageId: string): void => {
      places.set(leadId, { orgId: event.metadata.orgId, workflowId, stageId, causedBy });
      if (fallbackOf(workflowId, stageId) !== null) pending.add(leadId);
    };
    const { leadId = '', workflowId = '', stageId = '' } = data;
    switch (event.type) {
      case 'LeadCreated':
        place(leadId, workflowId, stageId);
        break;
      case 'StageChanged':
        place(leadId, workflowId, data.to ?? '');
        break;
      case 'WorkflowStageRemoved': {
        fallbacks.set(stageKey(workflowId, stageId), (event.data as { fallbackStageId: string }).fallbackStageId);
        for (const [id, where] of places) {
          if (where.workflowId === workflowId && where.stageId === stageId) {
            places.set(id, { ...where, causedBy });
            pending.add(id);
          }
        }
        break;
      }
      case 'LeadMerged':
        if (data.side === 'absorbed') places.delete(leadId);
        break;
      default:
        places.delete(leadId);
    }
  };

  const relocateOne = async (leadId: string): Promise<void> => {
    const where = places.get(leadId);
    const fallbackStageId = where === undefined ? null : fallbackOf(where.workflowId, where.stageId);
    if (where === undefined || fallbackStageId === null) return;
    const relocation = {
      orgId: where.orgId,
      leadId,
      stageId: where.stageId,
      fallbackStageId,
      causedBy: where.causedBy,
    };
    try {
      await options.relocate(relocation);
    } catch (error) {
      options.onError?.(error, relocation);
      if (!worker.live()) return;
      const retry = timers.setTimeout(() => {
        retries.delete(retry);
        pending.add(leadId);
        void worker.round();
      }, options.retryDelayMs ?? 5_000);
      retries.add(retry);
    }
  };

  const worker = createFeedWorker({
    store,
    timers,
    eventTypes: STAGE_REMOVAL_EVENT_TYPES,
    track,
    async work(stopped) {
      while (pending.size > 0 && !stopped()) {
        const leadIds = [...pending];
        pending.clear();
        for (const leadId of leadIds) await relocateOne(leadId);
      }
    },
    onStop() {
      for (const retry of retries) timers.clearTimeout(retry);
      retries.clear();
    },
    failed: (error) => options.onError?.(error, null),
  });

  return {
    start: () => worker.start(),
    settled: () => worker.settled({ idle: () => pending.size === 0 }),
    stop: () => worker.stop(),
  };
}
