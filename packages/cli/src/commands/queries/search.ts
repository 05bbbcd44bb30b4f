// `leadline search TEXT`: leads by any part of their name, company, email or phone (what the viewer may see).
import { withSession, type Registrar } from '../../cli/program.js';
import { renderTable } from '../../output/table.js';
import { asOfOption } from './as-of-option.js';
import { readSide } from './read-side.js';

export const registerSearch: Registrar = (program, io) => {
  program
    .command('search')
    .description('find leads by name, company, email or phone')
    .argument('<text>', 'any part of a name, company, email or phone number, any case and accents')
    .addOption(asOfOption())
    .action(
      withSession<{ asOf?: string }>(io, async (session, [text], options) => {
        const side = await readSide(session, options.asOf);
        try {
          const needle = (text ?? '').trim();
          const base = { viewer: (await session.acting()).actor, now: side.now, limit: 25 };
          const hits = (await side.queries.searchLeads({ ...base, text: needle })).items;
          session.print({ asOf: side.label, hits }, () =>
            hits.length === 0
              ? `no lead matches "${needle}"`
              : renderTable(
                  ['id', 'name', 'company', 'email', 'phone', 'owner'],
                  hits.map((hit) => [hit.leadId, hit.name, hit.company, hit.email, hit.phone, hit.ownerId]),
                ),
          );
        } finally {
          await side.close();
        }
      }),
    );
};
