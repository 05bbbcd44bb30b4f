// `pnpm --filter @leadline/example-web-app start`: the Leads page on http://127.0.0.1:3000 (PORT), on the
// SQLite file LEADLINE_STORE (sqlite:./web-app-demo.db), seeded with the demo's weeks on first start.
import { startWebApp } from './server.js';

startWebApp({
  storeUrl: process.env.LEADLINE_STORE ?? 'sqlite:./web-app-demo.db',
  port: Number(process.env.PORT ?? 3000),
})
  .then((app) => {
    process.stdout.write(
      `${app.seeded ? 'Seeded the demo organisation Acme Supplies. ' : ''}Leadline web app on ${app.url}\n`,
    );
    const stop = (): void => void app.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
