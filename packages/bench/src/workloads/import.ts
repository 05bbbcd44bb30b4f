// import.<store>: a CSV of `events` rows (2% bad, 3% duplicates of earlier rows) imported through
// `leadline.intake.importCsv`. The ceiling is the `commands` workload's create: `leadline.leads.create`
// one lead after another for the same leads the import creates, so the ratio is what parsing,
// mapping, validating, the error report and the duplicate policy cost on top of creating.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PERMISSIONS, LeadId, OrgId, UserId, type Actor } from '@leadline/domain';
import type { EventStore } from '@leadline/eventstore';
import type { ReadModelStore } from '@leadline/projections';
import { createLeadline, type Acting, type Leadline } from 'leadline';
import {
  openScratchMemoryStore,
  openScratchPostgresStore,
  openScratchSqliteStore,
  postgresUnavailable,
} from './scratch-stores.js';
import { registerWorkload, type Trial, type Workload, type WorkloadSettings } from '../harness/registry.js';
import type { OpenedStore } from './through-the-port.js';

const ORG = OrgId('org-bench-import');
const importer: Actor = { userId: UserId('bench-importer'), orgId: ORG, kind: 'user', permissions: ALL_PERMISSIONS };
export const acting: Acting = { actor: importer };

interface Row {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly company: string;
}

/** Row i of the file: every 50th (at 13) has a bad email and no phone; 3 in 100 repeat the email of the row 5 before. */
function rowOf(index: number): { row: Row; kind: 'good' | 'bad' | 'duplicate' } {
  const row = {
    name: `Lead ${index}`,
    email: `lead${index}@example.com`,
    phone: `+44 7700 ${String(index).padStart(6, '0')}`,
    company: `Company ${index % 997}`,
  };
  if (index % 50 === 13) return { row: { ...row, email: `lead${index}@@example`, phone: '' }, kind: 'bad' };
  if ([7, 40, 73].includes(index % 100))
    return { row: { ...row, email: `lead${index - 5}@example.com` }, kind: 'duplicate' };
  return { row, kind: 'good' };
}

export interface Plan {
  readonly path: string;
  /** The rows the import creates, which the ceiling creates one by one. */
  readonly good: readonly Row[];
  dispose(): void;
}

export function writePlan(rows: number): Plan {
  const folder = mkdtempSync(join(tmpdir(), 'leadline-bench-import-'));
  const lines = ['Name,Email,Phone,Company,Source'];
  const good: Row[] = [];
  for (let index = 0; index < rows; index++) {
    const { row, kind } = rowOf(index);
    lines.push(`${row.name},${row.email},${row.phone},"${row.company}",Website`);
    if (kind === 'good') good.push(row);
  }
  const path = join(folder, 'leads.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, good, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}

export async function openLeadline(store: EventStore, readModels?: ReadModelStore): Promise<Leadline> {
  const leadline = createLeadline({ store, disposeStores: false, ...(readModels === undefined ? {} : { readModels }) });
  await leadline.organisations.create({ name: 'Bench Import Org' }, { actor: importer });
  return leadline;
}

export interface ImportWorkloadParts {
  readonly open: () => Promise<OpenedStore>;
  readonly unavailable?: () => string | undefined;
  repetitions?: number;
}

export function importWorkload(store: string, parts: ImportWorkloadParts): Workload {
  const trial = async (
    settings: WorkloadSettings,
    work: (leadline: Leadline, plan: Plan) => Promise<number>,
  ): Promise<Trial> => {
    const plan = writePlan(settings.events);
    const opened = await parts.open();
    const leadline = await openLeadline(opened.store);
    return {
      run: () => work(leadline, plan),
      close: async () => {
        await leadline.close();
        await opened.close();
        plan.dispose();
      },
    };
  };
  return {
    name: `import.${store}`,
    store,
    subject: (settings) =>
      trial(settings, async (leadline, plan) => {
        const report = await leadline.intake.importCsv({ path: plan.path }, { acting, duplicates: 'skip' });
        if (
          report.failed !== settings.events / 50 ||
          report.skipped + report.created + report.failed !== settings.events
        ) {
          throw new Error(
            `import.${store}: unexpected report ${JSON.stringify({ ...report, errors: report.errors.length, duplicates: report.duplicates.length })}`,
          );
        }
        return report.created;
      }),
    ceiling: (settings) =>
      trial(settings, async (leadline, plan) => {
        for (const [index, row] of plan.good.entries()) {
          await leadline.leads.create(
            {
              leadId: LeadId(`ceiling-${index}`),
              fields: { name: row.name, email: row.email, phone: row.phone, company: row.company, source: 'Website' },
            },
            acting,
          );
        }
        return plan.good.length;
      }),
    ...(parts.unavailable === undefined ? {} : { unavailable: parts.unavailable }),
    ...(parts.repetitions === undefined ? {} : { repetitions: parts.repetitions }),
  };
}

registerWorkload(importWorkload('memory', { open: openScratchMemoryStore }));
registerWorkload(importWorkload('sqlite', { open: openScratchSqliteStore, repetitions: 2 }));
registerWorkload(
  importWorkload('postgres', {
    open: () => openScratchPostgresStore(),
    unavailable: postgresUnavailable,
    repetitions: 1,
  }),
);
