// The --as-of option every query takes.
import { Option } from 'commander';

export const asOfOption = (): Option =>
  new Option(
    '--as-of <date|position>',
    'the read model as it stood then: 2026-03-01, 2026-03-01T14:00:00Z or a global position',
  );
