// Authorisation in one place: what an actor may do and see. Commands check their permission with
// `requirePermission` (shared/guards.ts, table in lead/permissions.ts) and these rules; queries apply
// the same rules to what they return.
export * from './can-view-lead.js';
export * from './reads.js';
