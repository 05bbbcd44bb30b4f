// `LEADLINE_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test pnpm --filter @leadline/example-postgres start`
import { runOnPostgres } from './on-postgres.js';

async function main(): Promise<void> {
  const url = process.env['LEADLINE_POSTGRES_URL'];
  if (url === undefined) {
    console.error('Set LEADLINE_POSTGRES_URL=postgres://user@host:5432/db to run this example.');
    process.exitCode = 1;
    return;
  }
  console.log(await runOnPostgres(url, 'leadline_example'));
}

void main();
