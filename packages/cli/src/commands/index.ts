// Every command of `leadline`, in the order `--help` lists them. Each is named and summed up here and
// its module is loaded only when it runs, so `leadline --help` answers without loading the library.
// A test checks each line against what the command's module registers.
import type { Registrar } from '../cli/program.js';

export interface CommandEntry {
  readonly name: string;
  /** How `--help` lists the command: its name, `[options]` when it has any, and its arguments. */
  readonly usage: string;
  readonly summary: string;
  /** The command's module, which registers it with its options and action. */
  readonly load: () => Promise<Registrar>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'demo',
    usage: 'demo [options]',
    summary: 'simulate weeks of a sales team on a fresh store, then show what Leadline sees',
    load: async () => (await import('../demo/demo-command.js')).registerDemoCommand,
  },
  {
    name: 'import',
    usage: 'import [options] <file>',
    summary: 'import leads from a CSV file (a bad row writes nothing; the others are imported)',
    load: async () => (await import('./import/import-command.js')).registerImport,
  },
  {
    name: 'lead',
    usage: 'lead',
    summary: 'create and work leads',
    load: async () => (await import('./lead/lead-commands.js')).registerLeadCommands,
  },
  {
    name: 'clients',
    usage: 'clients',
    summary: 'the customer roster: clients and their leads',
    load: async () => (await import('./clients/clients-commands.js')).registerClientsCommands,
  },
  {
    name: 'pipeline',
    usage: 'pipeline [options]',
    summary: 'the pipeline board: leads per stage, value, and who to call next',
    load: async () => (await import('./queries/pipeline.js')).registerPipeline,
  },
  {
    name: 'sources',
    usage: 'sources [options]',
    summary: 'source analytics: created, contacted, qualified, converted and lost per source and period',
    load: async () => (await import('./queries/sources.js')).registerSources,
  },
  {
    name: 'funnel',
    usage: 'funnel [options]',
    summary: 'the stage funnel: leads reaching each stage, conversion to the next, time in stage',
    load: async () => (await import('./queries/funnel.js')).registerFunnel,
  },
  {
    name: 'queue',
    usage: 'queue [options]',
    summary: "a salesperson's work queue (default: yours) and the head of the claim pool",
    load: async () => (await import('./queries/queue.js')).registerQueue,
  },
  {
    name: 'search',
    usage: 'search [options] <text>',
    summary: 'find leads by name, company, email or phone',
    load: async () => (await import('./queries/search.js')).registerSearch,
  },
  {
    name: 'leads',
    usage: 'leads [options]',
    summary: 'a page of leads: a view (default All leads), or columns, sort and filters given here',
    load: async () => (await import('./views/views-commands.js')).registerViewsCommands,
  },
  {
    name: 'views',
    usage: 'views',
    summary: 'list views: the system views and saved ones (columns, sort, filters)',
    load: async () => (await import('./views/views-commands.js')).registerViewsCommands,
  },
  {
    name: 'journey',
    usage: 'journey [options] <lead>',
    summary: "a lead's journey: every step with its time and the person who took it",
    load: async () => (await import('./queries/journey.js')).registerJourney,
  },
  {
    name: 'erase',
    usage: 'erase [options]',
    summary: 'erase a person: their personal data reads [erased] for good (by lead, client, email or phone)',
    load: async () => (await import('./privacy/privacy-commands.js')).registerErase,
  },
  {
    name: 'contact-export',
    usage: 'contact-export <lead>',
    summary: 'everything held about the person behind a lead, as JSON (right of access)',
    load: async () => (await import('./privacy/privacy-commands.js')).registerContactExport,
  },
  {
    name: 'retention',
    usage: 'retention',
    summary: "the organisation's retention policy and the job that applies it (Admin Organisation)",
    load: async () => (await import('./privacy/privacy-commands.js')).registerRetention,
  },
  {
    name: 'migrate',
    usage: 'migrate',
    summary: 'migrations of a store',
    load: async () => (await import('./migrate/migrate-commands.js')).registerMigrate,
  },
  {
    name: 'audit',
    usage: 'audit [options] <lead>',
    summary: "a lead's full audit trail (actor, time, metadata); --verify checks its journey's hash chain",
    load: async () => (await import('./audit/audit.js')).registerAudit,
  },
  {
    name: 'workflow',
    usage: 'workflow',
    summary: 'list workflows and shape their stages',
    load: async () => (await import('./workflow/workflow-commands.js')).registerWorkflowCommands,
  },
  {
    name: 'fields',
    usage: 'fields',
    summary: "the organisation's lead fields: custom fields and layout",
    load: async () => (await import('./fields/fields-commands.js')).registerFieldsCommands,
  },
  {
    name: 'export',
    usage: 'export [options] [what] [lead]',
    summary: 'export the pipeline, sources, a journey or all leads as CSV or JSON',
    load: async () => (await import('./export/export.js')).registerExport,
  },
  {
    name: 'email',
    usage: 'email',
    summary: 'mass email through the outbox (docs/email.md)',
    load: async () => (await import('./email/email-commands.js')).registerEmailCommands,
  },
  {
    name: 'rebuild',
    usage: 'rebuild [options]',
    summary: 'rebuild the read models from the event log (all, or one)',
    load: async () => (await import('./operate/rebuild.js')).registerRebuild,
  },
  {
    name: 'status',
    usage: 'status',
    summary: "the read models' health: checkpoint, lag and parked events of each projection",
    load: async () => (await import('./operate/status.js')).registerStatus,
  },
  {
    name: 'retry-parked',
    usage: 'retry-parked [options]',
    summary: 'apply parked projection events again, after the cause was fixed',
    load: async () => (await import('./operate/status.js')).registerStatus,
  },
  {
    name: 'worker',
    usage: 'worker [options]',
    summary: 'run the background work (projections, claim expiry, stage removal, retention, automations) until stopped',
    load: async () => (await import('./operate/worker.js')).registerWorker,
  },
  {
    name: 'sql',
    usage: 'sql [options] <select>',
    summary: "run a read-only SELECT over one organisation's read models, as the caller may see them",
    load: async () => (await import('./sql/sql-command.js')).registerSql,
  },
];

/** Every command's module, loaded once each (one may register several commands): for tests and docs checks. */
export const loadAllCommands = async (): Promise<Registrar[]> => [
  ...new Set(await Promise.all(COMMANDS.map((entry) => entry.load()))),
];
