// `pnpm --filter @leadline/example-http-api start`: PORT (3000), LEADLINE_STORE (memory:), FORM_SECRET.
import { startService } from './server.js';

startService({
  storeUrl: process.env.LEADLINE_STORE ?? 'memory:',
  port: Number(process.env.PORT ?? 3000),
  ...(process.env.FORM_SECRET ? { formSecret: process.env.FORM_SECRET } : {}),
})
  .then((service) => {
    process.stdout.write(
      `Leadline HTTP API on ${service.url}: the routes are at ${service.url}/openapi.json ` +
        `(Authorization: Bearer manager-token); web form at POST /forms/contact\n`,
    );
    const stop = (): void => void service.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
