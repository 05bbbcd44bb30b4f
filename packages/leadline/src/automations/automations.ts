// The automations API: register reactors on event types; each runs on its own checkpoint, so a slow or
// failing reactor never holds up another reactor, the projections or the claim expiry worker.
import type { LeadlineEventType } from '@leadline/domain';
import type { RecordedEvent } from '@leadline/eventstore';
import { InvalidOptionError } from '../commands/errors.js';
import { hasEventsBetween } from '../workers/feed.js';
import { startLeasedReactor } from './leased-reactor.js';
import type { ParkedEvent } from './reactor-state.js';
import {
  deliver,
  startReactor,
  type ReactorDefinition,
  type ReactorHandler,
  type ReactorOptions,
  type ReactorRuntime,
  type RunningReactor,
} from './reactor.js';

export interface ReactorHandle {
  readonly name: string;
  /** Stops this reactor only; its checkpoint stays where it got to. */
  stop(): Promise<void>;
}

export interface ReplayedParkedEvent {
  readonly eventId: string;
  readonly handled: boolean;
  readonly attempts: number;
}

export interface Automations {
  /** Runs `handler` for every event of these types, at least once, from the reactor's checkpoint. */
  on<T extends LeadlineEventType>(
    eventTypes: T | readonly T[],
    handler: ReactorHandler<T>,
    options: ReactorOptions,
  ): ReactorHandle;
  /** Events reactors gave up on, oldest first. */
  parked(reactor?: string): Promise<readonly ParkedEvent[]>;
  /** Delivers parked events again (all of the reactor's, or one); those handled now are unparked. */
  replayParked(reactor: string, eventId?: string): Promise<readonly ReplayedParkedEvent[]>;
  /** Resolves when every running reactor has finished with every event stored now. */
  settled(): Promise<void>;
}

export interface AutomationsControl extends Automations {
  /** Starts the registered reactors (and any registered later). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createAutomations(runtime: ReactorRuntime): AutomationsControl {
  const definitions = new Map<string, ReactorDefinition>();
  const running = new Map<string, Promise<RunningReactor>>();
  let started = false;

  const launch = (definition: ReactorDefinition): void => {
    const reactor =
      runtime.lease === undefined
        ? startReactor(runtime, definition)
        : startLeasedReactor(runtime, definition, runtime.lease);
    reactor.catch((error: unknown) => runtime.onError(error, definition.options.name, null));
    running.set(definition.options.name, reactor);
  };

  return {
    on(eventTypes, handler, options) {
      const name = options.name.trim();
      if (name === '')
        throw new InvalidOptionError('name', 'required', 'A reactor needs a name: it names its checkpoint.');
      if (definitions.has(name))
        throw new InvalidOptionError('name', 'unique', `A reactor named "${name}" is already registered.`);
      const types = typeof eventTypes === 'string' ? [eventTypes] : [...eventTypes];
      if (types.length === 0)
        throw new InvalidOptionError('eventTypes', 'non-empty', 'A reactor must handle at least one event type.');
      const definition: ReactorDefinition = {
        eventTypes: types,
        handler: handler as (
          event: RecordedEvent,
          delivery: { reactor: string; attempt: number },
        ) => Promise<void> | void,
        options: { ...options, name },
      };
      definitions.set(name, definition);
      if (started) launch(definition);
      return {
        name,
        async stop() {
          definitions.delete(name);
          const reactor = running.get(name);
          running.delete(name);
          await (await reactor)?.stop();
        },
      };
    },
    parked: (reactor) => runtime.state.parked(reactor),
    async replayParked(reactor, eventId) {
      const definition = definitions.get(reactor);
      if (definition === undefined)
        throw new InvalidOptionError('reactor', 'registered', `No reactor named "${reactor}" is registered.`);
      const results: ReplayedParkedEvent[] = [];
      for (const parked of await runtime.state.parked(reactor)) {
        if (eventId !== undefined && parked.event.eventId !== eventId) continue;
        const outcome = await deliver(runtime, definition, parked.event, new AbortController().signal);
        if (outcome.handled) await runtime.state.unpark(reactor, parked.event.eventId);
        results.push({ eventId: parked.event.eventId, handled: outcome.handled, attempts: outcome.attempts });
      }
      return results;
    },
    async settled() {
      for (;;) {
        const head = await runtime.store.headPosition();
        let behind = false;
        for (const [name, reactor] of running) {
          const definition = definitions.get(name);
          const running = await reactor;
          // A reactor whose lease another process holds is settled there.
          if (running.active?.() === false) continue;
          const position = running.position();
          if (
            definition !== undefined &&
            (await hasEventsBetween(runtime.store, position, head, { eventTypes: definition.eventTypes }))
          )
            behind = true;
        }
        if (!behind) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async start() {
      if (started) return;
      started = true;
      for (const definition of definitions.values()) launch(definition);
      await Promise.all(running.values());
    },
    async stop() {
      started = false;
      const reactors = [...running.values()];
      running.clear();
      await Promise.all(reactors.map(async (reactor) => (await reactor.catch(() => null))?.stop()));
    },
  };
}
