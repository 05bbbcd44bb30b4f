// `leadline status`: the read side's health as the stores hold it (no catch-up first, so lag shows):
// each projection's checkpoint, lag and parked events, and `leadline retry-parked` to apply them again.
import { ALL_PROJECTORS } from 'leadline';
import { Option } from 'commander';
import { withSession, type Registrar } from '../../cli/program.js';
import { renderTable } from '../../output/table.js';

const NAMES = ALL_PROJECTORS.map((projector) => projector.name);

export const registerStatus: Registrar = (program, io) => {
  program
    .command('status')
    .description("the read models' health: checkpoint, lag and parked events of each projection")
    .action(
      withSession(io, async (session) => {
        const health = await session.leadline.health();
        const parked = await session.leadline.projections.parked();
        session.print({ ...health, parked }, () =>
          [
            `${health.healthy ? 'healthy' : 'NOT healthy'}: store head at position ${health.head}`,
            renderTable(
              ['projection', 'version', 'live', 'checkpoint', 'lag', 'parked'],
              health.projections.map((projection) => [
                projection.name,
                projection.version,
                projection.liveVersion ?? '-',
                projection.checkpoint === null ? '-' : String(projection.checkpoint),
                String(projection.lag),
                projection.parked,
              ]),
              ['left', 'right', 'right', 'right', 'right', 'right'],
            ),
            ...(parked.length === 0
              ? []
              : [
                  'parked events (fix the cause, then `leadline retry-parked`):',
                  renderTable(
                    ['projection', 'position', 'event', 'type', 'attempts', 'error'],
                    parked.map((entry) => [
                      entry.projector,
                      String(entry.position),
                      entry.eventId,
                      entry.type,
                      entry.attempts,
                      `${entry.error.name}: ${entry.error.message}`,
                    ]),
                  ),
                ]),
            ...(health.parkedReactorEvents === 0
              ? []
              : [`reactors: ${health.parkedReactorEvents} parked events (automations.parked() lists them)`]),
          ].join('\n'),
        );
      }),
    );

  program
    .command('retry-parked')
    .description('apply parked projection events again, after the cause was fixed')
    .addOption(new Option('--projection <name>', 'only this read model').choices(NAMES))
    .option('--event <id>', 'only this event')
    .action(
      withSession<{ projection?: string; event?: string }>(io, async (session, _args, options) => {
        const outcomes = await session.leadline.projections.retryParked({
          ...(options.projection === undefined ? {} : { projector: options.projection }),
          ...(options.event === undefined ? {} : { eventId: options.event }),
        });
        const applied = outcomes.filter((outcome) => outcome.applied).length;
        session.print(outcomes, () =>
          [
            `${applied} of ${outcomes.length} parked events applied`,
            ...outcomes
              .filter((outcome) => !outcome.applied)
              .map(
                (outcome) =>
                  `still parked: ${outcome.parked.projector} ${outcome.parked.eventId} (${outcome.parked.type}): ${outcome.error?.message ?? ''}`,
              ),
          ].join('\n'),
        );
      }),
    );
};
