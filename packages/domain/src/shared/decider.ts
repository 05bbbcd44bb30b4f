// The shape every aggregate of the domain has: decide, evolve, initialState. The runtime drives any of them alike.
import type { CommandContext } from './context.js';

export interface Decider<Command, Event, State> {
  /** The events a command leads to, or a thrown DomainError; nothing is emitted on refusal. */
  readonly decide: (command: Command, state: State, context: CommandContext) => Event[];
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: State;
}

/** The state after the given events, starting from the decider's initial state. */
export const fold = <Command, Event, State>(decider: Decider<Command, Event, State>, events: readonly Event[]): State =>
  events.reduce(decider.evolve, decider.initialState);
