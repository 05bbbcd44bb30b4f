// The demo writes only to a fresh store: an empty one, or one an earlier demo filled (replaced). A store
// holding anything else is left alone and the demo refuses.
import { existsSync, rmSync } from 'node:fs';
import { openEventStore, parseStoreUrl } from 'leadline';
import { CliError, CliErrorCode } from '../cli/cli-error.js';
import { DEMO_ORG } from './cast.js';

export async function prepareFreshStore(storeUrl: string): Promise<void> {
  const location = parseStoreUrl(storeUrl, '--store');
  if (location.kind === 'memory') return;
  if (location.kind === 'sqlite' && !existsSync(location.file)) return;
  const store = await openEventStore(storeUrl);
  let first: { type: string; orgId: string } | null = null;
  try {
    for await (const event of store.readAll({ maxCount: 1 })) first = { type: event.type, orgId: event.metadata.orgId };
  } finally {
    await store.dispose();
  }
  if (first === null) return;
  const earlierDemo = first.type === 'OrganisationCreated' && first.orgId === DEMO_ORG;
  if (earlierDemo && location.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${location.file}${suffix}`, { force: true });
    return;
  }
  throw new CliError(
    CliErrorCode.BadInput,
    '--store',
    'fresh-store',
    earlierDemo
      ? `${storeUrl} holds an earlier demo; the demo replaces only SQLite files.`
      : `${storeUrl} already holds events that are not the demo's; the demo leaves it alone.`,
    'Run the demo on a fresh store: --store sqlite:./leadline-demo.db (or an empty database).',
  );
}
