// Every TypeScript sample in the pages this package documents is run, or compared with the file it quotes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { docSamples, runSample, type DocSample } from './doc-samples.js';

const root = join(__dirname, '..', '..', '..', '..');

describe.each(['docs/stores.md', 'docs/performance.md'])('the samples of %s', (page) => {
  const samples = docSamples(join(root, page));

  it('has samples', () => expect(samples.length).toBeGreaterThan(0));

  it.each(samples.map((sample): [number, DocSample] => [sample.line, sample]))(
    'line %i runs or matches the file it quotes',
    async (_line, sample) => {
      if (sample.sameAs === undefined) await runSample(sample.code, require);
      else expect(readFileSync(join(root, sample.sameAs), 'utf8')).toContain(sample.code);
    },
  );
});
