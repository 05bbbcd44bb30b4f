// idRead.memory: a diagnostic with no target. The memory ceiling's raw append, reading one character
// of each event id first, against the raw append alone. The plan's ids come from crypto.randomUUID()
// as the runtime's do: concatenated (cons) strings that their first reader flattens. Every store that
// checks or indexes event ids reads them, so this ratio bounds what `append.memory` can reach.
import { registerWorkload } from '../harness/registry.js';
import { rawAppendTrial } from './append.js';
import { commandPlan } from './command-plan.js';

registerWorkload({
  name: 'idRead.memory',
  store: 'memory',
  subject: ({ events }) => {
    let read = 0;
    const trial = rawAppendTrial(commandPlan(events), (command) => {
      read += command.event.eventId?.charCodeAt(0) ?? 0;
    });
    return Promise.resolve({
      async run() {
        const appended = await trial.run();
        // The sum is used, so no engine can drop the reads.
        if (read === 0) throw new Error('idRead.memory read no event id');
        return appended;
      },
      close: () => trial.close(),
    });
  },
  ceiling: ({ events }) => Promise.resolve(rawAppendTrial(commandPlan(events))),
});
