// `leadline rebuild`: read models rebuilt from the whole event log, with a progress bar. They are built
// beside the live tables (readers keep the old ones until the atomic switch); `--in-place` drops first.
import { ALL_PROJECTORS, rebuild } from 'leadline';
import { Option } from 'commander';
import { withSession, type Registrar } from '../../cli/program.js';

const NAMES = ALL_PROJECTORS.map((projector) => projector.name);

export const registerRebuild: Registrar = (program, io) => {
  program
    .command('rebuild')
    .description('rebuild the read models from the event log (all, or one)')
    .addOption(new Option('--projection <name>', 'only this read model').choices(NAMES))
    .option('--fresh', 'start over instead of resuming a rebuild that stopped part way')
    .option('--in-place', 'drop the live tables first (readers see the models regrow; no room for a copy needed)')
    .action(
      withSession<{ projection?: string; fresh?: boolean; inPlace?: boolean }>(io, async (session, _args, options) => {
        const readModels = session.leadline.readModels;
        if (readModels === null) return;
        const projectors = ALL_PROJECTORS.filter(
          (projector) => options.projection === undefined || projector.name === options.projection,
        );
        const head = await session.leadline.store.headPosition();
        const bar = session.progress('rebuilding', Number(head), 'events');
        const started = performance.now();
        const result = await rebuild({
          eventStore: session.leadline.store,
          store: readModels,
          projectors,
          fresh: options.fresh === true,
          replaceLive: options.inPlace === true,
          onProgress: (progress) => bar.update(progress.done, progress.total),
        });
        bar.stop();
        const summary = {
          projections: projectors.map((projector) => `${projector.name}@v${projector.version}`),
          events: result.events,
          position: result.position,
          elapsedMs: Math.round(performance.now() - started),
          beside: options.inPlace !== true,
        };
        session.print(
          summary,
          () =>
            `rebuilt ${summary.projections.join(', ')} ${summary.beside ? 'beside the live tables' : 'in place'} from ${result.events} events up to position ${result.position} in ${summary.elapsedMs} ms (${readModels.kind} read models)`,
        );
      }),
    );
};
