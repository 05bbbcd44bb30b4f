// @leadline/domain: the pure core. No I/O, no clock, no randomness: time, ids and the actor come in
// with the command and its context.
export * from './shared/ids';
export * from './shared/streams';
export * from './shared/values';
export * from './shared/permissions';
export * from './shared/errors';
export * from './shared/context';
export * from './lead/events';
export * from './lead/commands';
export * from './workflow/events';
export * from './workflow/commands';
export * from './organisation/events';
export * from './organisation/commands';
export * from './events';
