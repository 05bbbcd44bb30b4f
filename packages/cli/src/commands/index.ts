// Every command group of `leadline`, in the order `--help` lists them.
import type { Registrar } from '../cli/program.js';
import { registerDemoCommand } from '../demo/demo-command.js';
import { registerAudit } from './audit/audit.js';
import { registerEmailCommands } from './email/email-commands.js';
import { registerExport } from './export/export.js';
import { registerImport } from './import/import-command.js';
import { registerLeadCommands } from './lead/lead-commands.js';
import { registerRebuild } from './operate/rebuild.js';
import { registerStatus } from './operate/status.js';
import { registerWorker } from './operate/worker.js';
import { registerSql } from './sql/sql-command.js';
import { registerWorkflowCommands } from './workflow/workflow-commands.js';
import { registerFunnel } from './queries/funnel.js';
import { registerJourney } from './queries/journey.js';
import { registerPipeline } from './queries/pipeline.js';
import { registerQueue } from './queries/queue.js';
import { registerSearch } from './queries/search.js';
import { registerSources } from './queries/sources.js';

export const COMMANDS: readonly Registrar[] = [
  registerDemoCommand,
  registerImport,
  registerLeadCommands,
  registerPipeline,
  registerSources,
  registerFunnel,
  registerQueue,
  registerSearch,
  registerJourney,
  registerAudit,
  registerWorkflowCommands,
  registerExport,
  registerEmailCommands,
  registerRebuild,
  registerStatus,
  registerWorker,
  registerSql,
];
