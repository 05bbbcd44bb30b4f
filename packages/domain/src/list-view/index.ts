// List views: saved columns, sort and filters of the Leads page, the system views, and their rules.
export * from './fields.js';
export * from './definition.js';
export * from './relative-dates.js';
export * from './system-views.js';
export * from './events.js';
export * from './commands.js';
export * from './state.js';
export { listViewsDecider, foldListViews } from './decide.js';
