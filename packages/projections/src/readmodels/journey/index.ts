export * from './tables';
export * from './hash';
export * from './summary';
export * from './projector';
export * from './queries';
