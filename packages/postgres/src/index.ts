// @leadline/postgres: the event store and the read-model store on postgres.
export * from './eventstore';
export * from './readmodels';
