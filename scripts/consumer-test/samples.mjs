// Every TypeScript sample of README.md and docs/*.md, as files to build and run. A block fenced
// ```ts fragment is a piece of a larger file (docs/README.md says when a page may use one) and is left out.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const BLOCK = /^```ts([^\n]*)\n([\s\S]*?)^```$/gm;

/** `{ page, index, file, source }` for each runnable sample, numbered per page as they appear. */
export function extractSamples(root) {
  const pages = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => join('docs', name)),
  ];
  return pages.flatMap((page) =>
    [...readFileSync(join(root, page), 'utf8').matchAll(BLOCK)]
      .map((match, position) => ({ info: match[1].trim(), source: match[2], index: position + 1 }))
      .filter(({ info }) => info === '')
      .map(({ source, index }) => ({
        page,
        index,
        file: `${page.replace(/\.md$/, '').replace('/', '-').toLowerCase()}-${index}`,
        source,
      })),
  );
}
