// Every command group of `leadline`, in the order `--help` lists them.
import type { Registrar } from '../cli/program';
import { registerLeadCommands } from './lead/lead-commands';

export const COMMANDS: readonly Registrar[] = [registerLeadCommands];
