import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admin } from '../e2e/actors.js';
import { openLeadline } from './open-leadline.js';
import { openEventStore, openReadModelStore, type AdapterLoaders } from './open-stores.js';
import { parseStoreUrl } from './store-url.js';

const missing = (name: string) => async (): Promise<never> => {
  throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
};

describe('store URLs', () => {
  it('parses every supported form', () => {
    expect(parseStoreUrl('memory:')).toEqual({ kind: 'memory' });
    expect(parseStoreUrl('sqlite:./data/leadline.db')).toEqual({ kind: 'sqlite', file: './data/leadline.db' });
    expect(parseStoreUrl('sqlite:///var/lib/leadline.db')).toEqual({ kind: 'sqlite', file: '/var/lib/leadline.db' });
    expect(parseStoreUrl('postgres://app:secret@db:5432/crm?schema=sales')).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://app:secret@db:5432/crm',
      schema: 'sales',
    });
    expect(parseStoreUrl('postgresql://db/crm')).toMatchObject({ kind: 'postgres', schema: undefined });
    expect(parseStoreUrl('esdb://node1:2113?tls=false&namespace=acme')).toEqual({
      kind: 'esdb',
      connectionString: 'esdb://node1:2113?tls=false',
      namespace: 'acme',
    });
  });

  it.each([
    ['', 'known-scheme'],
    ['mysql://db/crm', 'known-scheme'],
    ['sqlite:', 'sqlite-file-required'],
    ['memory:extra', 'memory-takes-nothing'],
    ['postgres://', 'host-required'],
    ['postgres://db/crm?schema=a;drop', 'schema-name'],
  ])('refuses %j with a typed error (%s)', (url, rule) => {
    expect(() => parseStoreUrl(url)).toThrow(
      expect.objectContaining({ code: 'INVALID_STORE_URL', field: 'storeUrl', rule }),
    );
  });

  it('never prints a password in an error', () => {
    expect(() => parseStoreUrl('postgres://app:hunter2@db/crm?schema=bad name')).toThrow(/app:\*\*\*@db/);
  });

  it('says which package to install when an optional adapter is missing', async () => {
    const adapters: AdapterLoaders = {
      postgres: missing('@leadline/postgres'),
      eventstoredb: missing('@leadline/eventstoredb'),
    };
    await expect(openEventStore('postgres://db/crm', { adapters })).rejects.toMatchObject({
      code: 'ADAPTER_MISSING',
      rule: 'adapter-installed',
      message: expect.stringContaining('npm install @leadline/postgres'),
    });
    await expect(openEventStore('esdb://node1:2113?tls=false', { adapters })).rejects.toMatchObject({
      code: 'ADAPTER_MISSING',
      message: expect.stringContaining('@leadline/eventstoredb'),
    });
  });

  it('names the driver when the adapter is there but its driver is not', async () => {
    const driverMissing = async (): Promise<never> => {
      const from = '/app/node_modules/@leadline/postgres/dist/own-pool.js';
      throw Object.assign(new Error(`Cannot find package 'pg' imported from ${from}`), {
        code: 'ERR_MODULE_NOT_FOUND',
      });
    };
    const adapters: AdapterLoaders = { postgres: driverMissing, eventstoredb: missing('@grpc/grpc-js/build/src') };
    await expect(openEventStore('postgres://db/crm', { adapters })).rejects.toMatchObject({
      code: 'ADAPTER_MISSING',
      message: expect.stringContaining('npm install pg)'),
    });
    await expect(openEventStore('esdb://node1:2113?tls=false', { adapters })).rejects.toMatchObject({
      message: expect.stringContaining('npm install @grpc/grpc-js)'),
    });
  });

  it('lets any other failure to load an adapter through as it is', async () => {
    const broken = async (): Promise<never> => {
      throw Object.assign(new Error("Cannot find module './own-pool.js'"), { code: 'ERR_MODULE_NOT_FOUND' });
    };
    const adapters: AdapterLoaders = { postgres: broken, eventstoredb: broken };
    await expect(openEventStore('postgres://db/crm', { adapters })).rejects.toThrow(
      "Cannot find module './own-pool.js'",
    );
  });

  describe('openLeadline', () => {
    let folder: string | undefined;
    afterEach(() => {
      if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
    });

    it('opens a SQLite store by URL, and the data is there when opened again', async () => {
      folder = mkdtempSync(join(tmpdir(), 'leadline-url-'));
      const storeUrl = `sqlite:${join(folder, 'events.db')}`;
      const first = await openLeadline({ storeUrl });
      await first.organisations.create({ name: 'Acme' }, { actor: admin });
      await first.close();
      const second = await openLeadline({ storeUrl, readModelsUrl: 'memory:' });
      expect(await second.organisations.get(admin)).toMatchObject({
        orgId: 'acme',
        settings: { claimWindowMs: 24 * 60 * 60 * 1000 },
      });
      await second.close();
    });

    it('keeps the read models beside the events in SQLite unless told otherwise', async () => {
      folder = mkdtempSync(join(tmpdir(), 'leadline-url-'));
      const storeUrl = `sqlite:${join(folder, 'leadline.db')}`;
      const first = await openLeadline({ storeUrl });
      expect(first.readModels?.kind).toBe('sqlite');
      await first.organisations.create({ name: 'Acme' }, { actor: admin });
      await first.workers.start({ claimExpiry: false, automations: false });
      await first.workers.settled();
      await first.close();
      const second = await openLeadline({ storeUrl });
      expect(await second.readModels?.liveVersion('pipeline_board')).not.toBeNull();
      await second.close();
      // memory: read models are SQLite :memory:, so they start empty however full the file is.
      const inMemory = await openLeadline({ storeUrl, readModelsUrl: 'memory:' });
      expect(inMemory.readModels?.kind).toBe('sqlite');
      expect(await inMemory.readModels?.liveVersion('pipeline_board')).toBeNull();
      await inMemory.close();
    });

    it('refuses read models in EventStoreDB', async () => {
      await expect(openReadModelStore('esdb://node1:2113?tls=false')).rejects.toMatchObject({
        code: 'INVALID_STORE_URL',
        rule: 'read-model-store-kind',
      });
    });

    it('opens a memory store', async () => {
      const leadline = await openLeadline({ storeUrl: 'memory:' });
      expect(await leadline.store.headPosition()).toBe(0n);
      await leadline.close();
    });
  });
});
