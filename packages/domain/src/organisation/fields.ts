// The organisation's lead fields: custom fields defined, changed and retired one at a time, and the
// layout of the lead page (sections, their order, standard fields hidden). Each is an event of its own.
import { DomainErrorCode } from '../shared/errors.js';
import { refuse } from '../shared/guards.js';
import type { CustomFieldDefinition } from '../shared/values.js';
import { issue, throwIfAny, type Issues } from '../validation/issues.js';
import { requiredText, TEXT_LIMITS } from '../validation/text.js';
import type { ChangeCustomField, DefineCustomField, RetireCustomField, SetFieldLayout } from './commands.js';
import type { FieldLayout, OrganisationEvent } from './events.js';
import { checkDefinition } from './settings.js';
import type { ExistingOrganisationState } from './state.js';

/** The standard fields of a lead, in their default order, and whether a lead must have them. */
export const STANDARD_FIELDS = [
  { key: 'name', required: true },
  { key: 'email', required: false },
  { key: 'phone', required: false },
  { key: 'company', required: false },
  { key: 'source', required: true },
  { key: 'rating', required: false },
  { key: 'estimatedValue', required: false },
  { key: 'expectedSaleDate', required: false },
  { key: 'notes', required: false },
] as const;
export type StandardFieldKey = (typeof STANDARD_FIELDS)[number]['key'];
export const STANDARD_FIELD_KEYS: readonly string[] = STANDARD_FIELDS.map((field) => field.key);

const MAX_SECTIONS = 20;

const definitionOf = (state: ExistingOrganisationState, key: string): CustomFieldDefinition | undefined =>
  state.settings.customFields.find((definition) => definition.key === key);

const requireLiveField = (state: ExistingOrganisationState, key: string): CustomFieldDefinition => {
  const definition = definitionOf(state, key);
  if (definition === undefined || definition.retired === true) {
    return refuse(
      DomainErrorCode.NotFound,
      'key',
      'live-custom-field',
      `"${key}" is not a custom field of this organisation${definition === undefined ? '' : ' (it was retired)'}.`,
    );
  }
  return definition;
};

export const decideDefineField = (c: DefineCustomField, state: ExistingOrganisationState): OrganisationEvent[] => {
  const issues: Issues = [];
  const field = tidyDefinition(c.field);
  checkDefinition(issues, 'field', field);
  throwIfAny(issues);
  const known = definitionOf(state, field.key);
  if (known !== undefined) {
    // The same definition sent again is a retry; a key is never reused (old values carry its meaning).
    if (JSON.stringify(known) === JSON.stringify(field)) return [];
    refuse(
      DomainErrorCode.AlreadyExists,
      'field.key',
      'new-field-key',
      `Custom field "${field.key}" exists already${known.retired === true ? ' (retired; keys are not reused)' : ''}.`,
    );
  }
  return [{ type: 'CustomFieldDefined', data: { orgId: c.orgId, field } }];
};

export const decideChangeField = (c: ChangeCustomField, state: ExistingOrganisationState): OrganisationEvent[] => {
  const current = requireLiveField(state, c.key);
  const after = tidyDefinition({ ...current, ...c.changes });
  const issues: Issues = [];
  checkDefinition(issues, 'changes', after);
  throwIfAny(issues);
  const changes: { -readonly [K in keyof ChangeCustomField['changes']]: ChangeCustomField['changes'][K] } = {};
  if (c.changes.label !== undefined && after.label !== current.label) changes.label = after.label;
  if (c.changes.required !== undefined && (after.required === true) !== (current.required === true))
    changes.required = after.required === true;
  if (c.changes.options !== undefined && JSON.stringify(after.options) !== JSON.stringify(current.options))
    changes.options = after.options ?? [];
  return Object.keys(changes).length === 0
    ? []
    : [{ type: 'CustomFieldChanged', data: { orgId: c.orgId, key: c.key, changes } }];
};

export const decideRetireField = (c: RetireCustomField, state: ExistingOrganisationState): OrganisationEvent[] => {
  const definition = definitionOf(state, c.key);
  if (definition?.retired === true) return [];
  requireLiveField(state, c.key);
  return [{ type: 'CustomFieldRetired', data: { orgId: c.orgId, key: c.key } }];
};

export const decideSetFieldLayout = (c: SetFieldLayout, state: ExistingOrganisationState): OrganisationEvent[] => {
  const layout = checkLayout(state.settings.customFields, c.layout);
  return JSON.stringify(layout) === JSON.stringify(state.fieldLayout)
    ? []
    : [{ type: 'FieldLayoutSet', data: { orgId: c.orgId, layout } }];
};

const tidyDefinition = (field: CustomFieldDefinition): CustomFieldDefinition => ({
  key: typeof field.key === 'string' ? field.key.trim() : field.key,
  label: typeof field.label === 'string' ? field.label.trim() : field.label,
  type: field.type,
  ...(field.options === undefined ? {} : { options: field.options.map((option) => option.trim()) }),
  ...(field.required === true ? { required: true } : {}),
  ...(field.retired === true ? { retired: true } : {}),
});

/** The layout checked against the fields it names: each known, each placed once, only optional standard fields hidden. */
export const checkLayout = (definitions: readonly CustomFieldDefinition[], layout: FieldLayout): FieldLayout => {
  const issues: Issues = [];
  const live = new Map(definitions.filter((d) => d.retired !== true).map((d) => [d.key, d]));
  const placed = new Set<string>();
  if (layout.sections.length > MAX_SECTIONS)
    issues.push(
      issue('layout.sections', `items-max:${MAX_SECTIONS}`, `A layout has at most ${MAX_SECTIONS} sections.`),
    );
  const sections = layout.sections.map((section, index) => {
    const name = requiredText(issues, `layout.sections.${index}.name`, section.name, TEXT_LIMITS.stageName);
    section.fields.forEach((key, at) => {
      const field = `layout.sections.${index}.fields.${at}`;
      if (!STANDARD_FIELD_KEYS.includes(key) && !live.has(key))
        issues.push(issue(field, 'known-field', `"${key}" is neither a standard field nor a live custom field.`));
      else if (placed.has(key)) issues.push(issue(field, 'placed-once', `"${key}" is placed in the layout twice.`));
      placed.add(key);
    });
    return { name, fields: [...section.fields] };
  });
  const hidden = [...new Set(layout.hidden)];
  hidden.forEach((key, index) => {
    const field = `layout.hidden.${index}`;
    const standard = STANDARD_FIELDS.find((candidate) => candidate.key === key);
    if (standard === undefined && !live.has(key))
      issues.push(issue(field, 'known-field', `"${key}" is neither a standard field nor a live custom field.`));
    else if (standard?.required === true || live.get(key)?.required === true)
      issues.push(issue(field, 'not-required', `"${key}" is required on every lead, so it cannot be hidden.`));
  });
  if (hidden.includes('email') && hidden.includes('phone'))
    issues.push(
      issue('layout.hidden', 'email-or-phone', 'A lead needs an email or a phone: hide one of them at most.'),
    );
  throwIfAny(issues);
  return { sections, hidden };
};
