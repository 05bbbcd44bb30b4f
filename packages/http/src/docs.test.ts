// docs/http.md stays true to the code: its sample is the file test-support/docs-sample.ts (compiled
// with the package) and runs here; every route of the table is in the page's route list.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiPath } from './openapi/openapi.js';
import { apiRoutes } from './routes/index.js';
import { startLeadsApi } from './test-support/docs-sample.js';

const ROOT = join(__dirname, '..', '..', '..');
const page = readFileSync(join(ROOT, 'docs', 'http.md'), 'utf8');

describe('docs/http.md', () => {
  it('quotes the sample that is compiled and run here', async () => {
    const file = readFileSync(join(__dirname, 'test-support', 'docs-sample.ts'), 'utf8');
    const sample = /\/\/ sample start\n([\s\S]*?)\/\/ sample end\n/.exec(file)?.[1] ?? '';
    expect(sample.length).toBeGreaterThan(200);
    expect(page).toContain(`\`\`\`ts workspace\n${sample}\`\`\``);

    const { leadline, handler, server } = await startLeadsApi(0);
    try {
      const created = await handler(
        new Request('http://localhost/leads', {
          method: 'POST',
          headers: { authorization: 'Bearer ada-token', 'content-type': 'application/json' },
          body: JSON.stringify({ fields: { name: 'Grace Hopper', email: 'grace@example.com' } }),
        }),
      );
      expect(created.status).toBe(201);
      expect((await handler(new Request('http://localhost/board'))).status).toBe(401);
    } finally {
      server.close();
      await leadline.close();
    }
  });

  it('lists every route with its method and path', () => {
    const missing = apiRoutes({ isOperator: () => false })
      .map((route) => `\`${route.method} ${openApiPath(route.path)}\``)
      .filter((route) => !page.includes(route));
    expect(missing).toEqual([]);
  });
});
