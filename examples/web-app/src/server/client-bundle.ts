// The browser's files: the Preact app bundled by esbuild when the server starts (one command, no build
// step to forget), the page and its stylesheet as they are in src/client.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const CLIENT = new URL('../client/', import.meta.url);

export interface ClientFiles {
  readonly [path: string]: { readonly type: string; readonly body: string };
}

export async function bundleClient(): Promise<ClientFiles> {
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL('main.ts', CLIENT))],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    outdir: '/',
    entryNames: 'app',
    logLevel: 'silent',
  });
  const output = (name: string): string => {
    const file = bundled.outputFiles.find((candidate) => candidate.path.endsWith(name));
    if (file === undefined) throw new Error(`esbuild produced no ${name} for the web app`);
    return file.text;
  };
  return {
    '/': { type: 'text/html; charset=utf-8', body: await readFile(new URL('index.html', CLIENT), 'utf8') },
    '/app.js': { type: 'text/javascript; charset=utf-8', body: output('/app.js') },
    '/app.js.map': { type: 'application/json; charset=utf-8', body: output('/app.js.map') },
    '/app.css': { type: 'text/css; charset=utf-8', body: await readFile(new URL('app.css', CLIENT), 'utf8') },
  };
}
