// Every command group of `leadline`, in the order `--help` lists them.
import type { Registrar } from '../cli/program';
import { registerDemoCommand } from '../demo/demo-command';
import { registerLeadCommands } from './lead/lead-commands';

export const COMMANDS: readonly Registrar[] = [registerDemoCommand, registerLeadCommands];
