// @leadline/eventstore: the event store port and its in-memory implementation.
export * from './port/events';
export * from './port/revision';
export * from './port/errors';
export * from './port/event-store';
