// The shape the command handler runs: any decider over any stream (lead, workflow, organisation).

/** A domain event before it is recorded: what `decide` returns and `evolve` folds. */
export interface DomainEvent {
  readonly type: string;
  readonly data: unknown;
}

export interface Decider<Command, State, Event extends DomainEvent, Context> {
  /** The events the command produces (none when it changes nothing); throws a typed error to refuse. */
  decide(command: Command, state: State, context: Context): readonly Event[];
  evolve(state: State, event: Event): State;
  readonly initialState: State;
}
