// Every command group of `leadline`, in the order `--help` lists them.
import type { Registrar } from '../cli/program';
import { registerDemoCommand } from '../demo/demo-command';
import { registerLeadCommands } from './lead/lead-commands';
import { registerFunnel } from './queries/funnel';
import { registerJourney } from './queries/journey';
import { registerPipeline } from './queries/pipeline';
import { registerQueue } from './queries/queue';
import { registerSearch } from './queries/search';
import { registerSources } from './queries/sources';

export const COMMANDS: readonly Registrar[] = [
  registerDemoCommand,
  registerLeadCommands,
  registerPipeline,
  registerSources,
  registerFunnel,
  registerQueue,
  registerSearch,
  registerJourney,
];
