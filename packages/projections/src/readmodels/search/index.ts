export * from './tables';
export * from './projector';
export * from './queries';
