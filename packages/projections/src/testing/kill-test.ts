// The kill test every durable read-model store runs: a runner in a child process is killed with
// SIGKILL in the middle of a batch; restarted, it must leave the read models equal to a clean rebuild.
import { spawn } from 'node:child_process';
import { expect } from '@jest/globals';
import type { EventStore } from '@leadline/eventstore';
import { ALL_PROJECTORS } from '../readmodels/index.js';
import { createProjectionRunner } from '../runner/runner.js';
import type { ReadModelStore } from '../store/port.js';
import { dumpReadModel } from './feed.js';
import { STALLED_MARKER } from './history/stalling.js';

export interface KillTestOptions {
  /** The child script: runs ALL_PROJECTORS with the journey projector stalling at argv[2]'s position. */
  readonly script: string;
  readonly cwd: string;
  readonly args: readonly string[];
  readonly eventStore: EventStore;
  /** Opens the read-model store the child wrote to. */
  readonly openStore: () => Promise<ReadModelStore>;
  /** Opens a fresh, empty store for the clean rebuild compared with. */
  readonly openCleanStore: () => Promise<ReadModelStore>;
}

/** Starts the child, waits until it stalls inside a batch, then kills it; resolves with the stalled position. */
export function killMidBatch(script: string, cwd: string, args: readonly string[]): Promise<bigint> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@leadline/source', script, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const marker = new RegExp(`${STALLED_MARKER} (\\d+)`).exec(output);
      if (marker !== null) {
        child.once('close', () => resolve(BigInt(marker[1] ?? '0')));
        child.kill('SIGKILL');
      }
    });
    child.once('exit', (code) => {
      if (!new RegExp(STALLED_MARKER).test(output))
        reject(new Error(`The runner exited (${String(code)}) before stalling: ${errors}`));
    });
  });
}

/** Kills the child mid-batch at each position in turn, then restarts in-process and compares. */
export async function expectKilledRunnerRecovers(options: KillTestOptions, stallAt: readonly bigint[]): Promise<void> {
  for (const position of stallAt) {
    const stalled = await killMidBatch(options.script, options.cwd, [String(position), ...options.args]);
    const store = await options.openStore();
    for (const projector of ALL_PROJECTORS) {
      // The stalled batch held the event at `stalled`: it must not have landed, for any projector.
      expect((await store.checkpoint(projector)) ?? 0n).toBeLessThan(stalled);
    }
    await store.dispose();
  }
  const store = await options.openStore();
  await createProjectionRunner({ eventStore: options.eventStore, store, projectors: ALL_PROJECTORS }).catchUp();
  const clean = await options.openCleanStore();
  await createProjectionRunner({ eventStore: options.eventStore, store: clean, projectors: ALL_PROJECTORS }).catchUp();
  for (const projector of ALL_PROJECTORS) {
    expect(await dumpReadModel(store, projector)).toEqual(await dumpReadModel(clean, projector));
  }
  await store.dispose();
  await clean.dispose();
}
