// `leadline worker`: keeps projections, claim expiry, stage removal, retention and automations running until SIGINT or SIGTERM,
// then stops them cleanly (each commits what it took, checkpoints saved) and exits 0.
import { withSession, type Registrar } from '../../cli/program.js';

export const registerWorker: Registrar = (program, io) => {
  program
    .command('worker')
    .description(
      'run the background work (projections, claim expiry, stage removal, retention, automations) until stopped',
    )
    .option('--no-projections', 'do not run the projections')
    .option('--no-claim-expiry', 'do not expire lapsed claims')
    .option('--no-retention', "do not apply the organisations' retention policies")
    .action(
      withSession<{ projections: boolean; claimExpiry: boolean; retention: boolean }>(
        io,
        async (session, _args, options) => {
          const { workers } = session.leadline;
          const stopped = new Promise<string>((resolve) => {
            process.once('SIGINT', () => resolve('SIGINT'));
            process.once('SIGTERM', () => resolve('SIGTERM'));
          });
          await workers.start({
            projections: options.projections,
            claimExpiry: options.claimExpiry,
            retention: options.retention,
            automations: true,
          });
          const running = {
            status: 'running',
            projections: options.projections,
            claimExpiry: options.claimExpiry,
            retention: options.retention,
            position: String(await session.leadline.store.headPosition()),
          };
          session.print(
            running,
            () =>
              `worker running (projections ${options.projections ? 'on' : 'off'}, claim expiry ${options.claimExpiry ? 'on' : 'off'}, retention ${options.retention ? 'on' : 'off'}, automations on) at position ${running.position}; stop with Ctrl-C`,
          );
          const signal = await stopped;
          await workers.stop();
          session.print({ status: 'stopped', signal }, () => `worker stopped cleanly on ${signal}`);
        },
      ),
    );
};
