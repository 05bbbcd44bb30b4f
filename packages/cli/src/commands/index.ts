// Every command group of `leadline`, in the order `--help` lists them.
import type { Registrar } from '../cli/program';
import { registerDemoCommand } from '../demo/demo-command';
import { registerAudit } from './audit/audit';
import { registerExport } from './export/export';
import { registerImport } from './import/import-command';
import { registerLeadCommands } from './lead/lead-commands';
import { registerRebuild } from './operate/rebuild';
import { registerWorker } from './operate/worker';
import { registerSql } from './sql/sql-command';
import { registerWorkflowCommands } from './workflow/workflow-commands';
import { registerFunnel } from './queries/funnel';
import { registerJourney } from './queries/journey';
import { registerPipeline } from './queries/pipeline';
import { registerQueue } from './queries/queue';
import { registerSearch } from './queries/search';
import { registerSources } from './queries/sources';

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
  registerRebuild,
  registerWorker,
  registerSql,
];
