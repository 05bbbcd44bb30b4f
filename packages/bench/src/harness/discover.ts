// Loads every workload file in ../workloads, so adding a workload means adding a file there.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const workloadsFolder = fileURLToPath(new URL('../workloads', import.meta.url));

export async function loadWorkloadFiles(folder = workloadsFolder): Promise<void> {
  const files = readdirSync(folder).filter(
    (file) => /\.(ts|js)$/.test(file) && !/\.test\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'),
  );
  for (const file of files.sort()) await import(pathToFileURL(join(folder, file)).href);
}
