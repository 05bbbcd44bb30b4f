export * from './tables';
export * from './periods';
export * from './projector';
export * from './queries';
