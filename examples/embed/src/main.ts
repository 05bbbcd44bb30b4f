// `pnpm --filter @leadline/example-embed start`: the embedded example on memory, then on a SQLite file.
import { runEmbedded } from './embed.js';

async function main(): Promise<void> {
  console.log('in memory:', await runEmbedded('memory:'));
  console.log('on SQLite:', await runEmbedded('sqlite:./embed-example.db'));
}

void main();
