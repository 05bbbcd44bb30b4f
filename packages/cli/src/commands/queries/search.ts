// `leadline search TEXT`: leads by name, email or phone (what the viewer may see).
import { searchLeads } from 'leadline';
import { withSession, type Registrar } from '../../cli/program.js';
import { renderTable } from '../../output/table.js';
import { asOfOption } from './as-of-option.js';
import { readSide } from './read-side.js';

export const registerSearch: Registrar = (program, io) => {
  program
    .command('search')
    .description('find leads by name, email or phone')
    .argument('<text>', 'part of a name, an email, or phone digits')
    .addOption(asOfOption())
    .action(
      withSession<{ asOf?: string }>(io, async (session, [text], options) => {
        const side = await readSide(session, options.asOf);
        try {
          const orgId = (await session.acting()).orgId;
          const needle = (text ?? '').trim();
          const base = { orgId, viewer: session.actor, now: side.now, limit: 25 };
          const byField = needle.includes('@')
            ? { email: needle }
            : /^[+\d\s().-]+$/.test(needle)
              ? { phone: needle }
              : { name: needle };
          const hits = (await searchLeads(side.reader, { ...base, ...byField })).items;
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
