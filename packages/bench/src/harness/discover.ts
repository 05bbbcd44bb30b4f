// Loads every workload file in ../workloads, so adding a workload means adding a file there.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const workloadsFolder = join(__dirname, '..', 'workloads');

export async function loadWorkloadFiles(folder = workloadsFolder): Promise<void> {
  const files = readdirSync(folder).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'),
  );
  for (const file of files.sort()) await import(join(folder, file));
}
