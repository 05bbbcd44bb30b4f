// `leadline fields …`: the organisation's lead fields — custom fields defined, changed and retired, and
// the layout of the lead page. Each change is an organisation event (docs/domain.md, "Lead fields").
import { CUSTOM_FIELD_TYPES, STANDARD_FIELD_KEYS, type CustomFieldType } from '@leadline/domain';
import { Option } from 'commander';
import { badInput } from '../../cli/cli-error.js';
import { withSession, type Registrar } from '../../cli/program.js';
import { renderTable } from '../../output/table.js';
import type { Session } from '../../session/session.js';

const list = (text: string | undefined): string[] | undefined =>
  text === undefined
    ? undefined
    : text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');

function printResult(
  session: Session,
  result: { readonly events: readonly { readonly type: string }[] },
  what: string,
) {
  session.print(result, () =>
    result.events.length === 0
      ? `${what}: nothing to change`
      : `${what}: ${result.events.map((event) => event.type).join(', ')}`,
  );
}

/** `Name:field,field`, e.g. `Deal:estimatedValue,tier`. */
function parseSection(text: string): { name: string; fields: string[] } {
  const at = text.indexOf(':');
  if (at <= 0)
    throw badInput('--section', 'name:fields', `"${text}" is not a section.`, 'Write a section as Name:field,field.');
  return { name: text.slice(0, at).trim(), fields: list(text.slice(at + 1)) ?? [] };
}

export const registerFieldsCommands: Registrar = (program, io) => {
  const fields = program.command('fields').description("the organisation's lead fields: custom fields and layout");
  fields
    .command('list')
    .description('standard and custom fields, and the layout of the lead page')
    .action(
      withSession(io, async (session) => {
        const organisation = await session.organisation();
        const custom = organisation.settings.customFields;
        const shown = { standard: STANDARD_FIELD_KEYS, custom, layout: organisation.fieldLayout };
        session.print(shown, () =>
          [
            renderTable(
              ['key', 'label', 'type', 'options', 'required', 'state'],
              [
                ...STANDARD_FIELD_KEYS.map((key) => [
                  key,
                  key,
                  'standard',
                  '',
                  key === 'name' || key === 'source' ? 'yes' : '',
                  '',
                ]),
                ...custom.map((field) => [
                  field.key,
                  field.label,
                  field.type,
                  (field.options ?? []).join(', '),
                  field.required === true ? 'yes' : '',
                  field.retired === true ? 'retired' : '',
                ]),
              ],
            ),
            organisation.fieldLayout === null
              ? 'layout: the default (standard fields, then custom fields)'
              : [
                  ...organisation.fieldLayout.sections.map(
                    (section) => `section ${section.name}: ${section.fields.join(', ')}`,
                  ),
                  `hidden: ${organisation.fieldLayout.hidden.join(', ') || '-'}`,
                ].join('\n'),
          ].join('\n'),
        );
      }),
    );
  fields
    .command('define')
    .description('define a custom field')
    .argument('<key>', 'its key: a letter, then letters, digits or _')
    .requiredOption('--label <label>', 'what people see')
    .addOption(new Option('--type <type>', 'its type').choices(CUSTOM_FIELD_TYPES).default('text'))
    .option('--options <list>', 'the choices of a select or multiselect field (comma separated)')
    .option('--required', 'every new lead must have it')
    .action(
      withSession<{ label: string; type: CustomFieldType; options?: string; required?: boolean }>(
        io,
        async (session, [key], options) => {
          const choices = list(options.options);
          const result = await session.leadline.organisations.defineField(
            {
              field: {
                key: key ?? '',
                label: options.label,
                type: options.type,
                ...(choices === undefined ? {} : { options: choices }),
                ...(options.required === true ? { required: true } : {}),
              },
            },
            await session.acting(),
          );
          printResult(session, result, `field ${key ?? ''}`);
        },
      ),
    );
  fields
    .command('change')
    .description("change a custom field's label, requiredness or options")
    .argument('<key>', 'the field')
    .option('--label <label>', 'what people see')
    .option('--options <list>', 'the choices (comma separated)')
    .option('--required', 'make it required')
    .option('--optional', 'make it optional')
    .action(
      withSession<{ label?: string; options?: string; required?: boolean; optional?: boolean }>(
        io,
        async (session, [key], options) => {
          if (options.required === true && options.optional === true)
            throw badInput('--required', 'required-or-optional', 'Pass --required or --optional, not both.');
          const choices = list(options.options);
          const result = await session.leadline.organisations.changeField(
            {
              key: key ?? '',
              changes: {
                ...(options.label === undefined ? {} : { label: options.label }),
                ...(choices === undefined ? {} : { options: choices }),
                ...(options.required === true ? { required: true } : {}),
                ...(options.optional === true ? { required: false } : {}),
              },
            },
            await session.acting(),
          );
          printResult(session, result, `field ${key ?? ''}`);
        },
      ),
    );
  fields
    .command('retire')
    .description('retire a custom field: no new values; leads keep theirs')
    .argument('<key>', 'the field')
    .action(
      withSession(io, async (session, [key]) => {
        const result = await session.leadline.organisations.retireField({ key: key ?? '' }, await session.acting());
        printResult(session, result, `field ${key ?? ''}`);
      }),
    );
  fields
    .command('layout')
    .description('lay out the lead page: sections in order, optional fields hidden')
    .option(
      '--section <section>',
      'a section and its fields in order, e.g. Deal:estimatedValue,tier (repeat)',
      (value: string, all: readonly string[] | undefined) => [...(all ?? []), value],
    )
    .option('--hide <fields>', 'fields not shown (comma separated; never a required one)')
    .action(
      withSession<{ section?: string[]; hide?: string }>(io, async (session, _args, options) => {
        const result = await session.leadline.organisations.setFieldLayout(
          { layout: { sections: (options.section ?? []).map(parseSection), hidden: list(options.hide) ?? [] } },
          await session.acting(),
        );
        printResult(session, result, 'layout');
      }),
    );
};
