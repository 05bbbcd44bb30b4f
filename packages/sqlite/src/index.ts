// @leadline/sqlite: the event store and the read-model store on sqlite.
export * from './eventstore';
export * from './readmodels';
