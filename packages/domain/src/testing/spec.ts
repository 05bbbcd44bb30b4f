// Given / when / then for deciders: given these events, when this command in this context, then these
// events (or this error). Framework-free: a failed expectation throws an Error showing both sides.
import { fold, type Decider } from '../shared/decider.js';
import type { CommandContext } from '../shared/context.js';
import { isDomainError, type DomainError, type DomainErrorCode } from '../shared/errors.js';

/** JSON with sorted keys: what a store keeps of an event, compared regardless of key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(
    value,
    (_key, item: unknown) =>
      item !== null && typeof item === 'object' && !Array.isArray(item)
        ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))
        : item,
    2,
  );

export interface Outcome<Event> {
  /** Asserts the decided events, in order; returns them. */
  then(expected: readonly Event[]): readonly Event[];
  /** Asserts nothing is decided (an accepted no-op). */
  thenNothing(): void;
  /** Asserts a DomainError with this code (and field, and rule, when given); returns it. */
  thenThrows(code: DomainErrorCode, field?: string, rule?: string): DomainError;
  /** The decided events, for assertions of one's own. */
  decided(): readonly Event[];
}

export interface Spec<Command, Event> {
  readonly given: (events: readonly Event[]) => { when(command: Command, context: CommandContext): Outcome<Event> };
}

export const specFor = <Command, Event, State>(decider: Decider<Command, Event, State>): Spec<Command, Event> => ({
  given: (history) => ({
    when: (command, context) => {
      const decide = (): readonly Event[] => decider.decide(command, fold(decider, history), context);
      const then = (expected: readonly Event[]): readonly Event[] => {
        const actual = decide();
        if (canonical(actual) !== canonical(expected)) {
          throw new Error(`Expected the events\n${canonical(expected)}\nbut decided\n${canonical(actual)}`);
        }
        return actual;
      };
      return {
        then,
        thenNothing: () => void then([]),
        decided: decide,
        thenThrows: (code, field, rule) => {
          let decided: readonly Event[];
          try {
            decided = decide();
          } catch (error) {
            if (!isDomainError(error)) throw error;
            const wanted = { code, ...(field !== undefined && { field }), ...(rule !== undefined && { rule }) };
            const got = {
              code: error.code,
              ...(field !== undefined && { field: error.field }),
              ...(rule !== undefined && { rule: error.rule }),
            };
            if (canonical(wanted) !== canonical(got)) {
              throw new Error(`Expected the refusal ${canonical(wanted)} but got ${canonical(error.toJSON())}`, {
                cause: error,
              });
            }
            return error;
          }
          throw new Error(
            `Expected the refusal ${code}${field ? ` on ${field}` : ''} but decided\n${canonical(decided)}`,
          );
        },
      };
    },
  }),
});
