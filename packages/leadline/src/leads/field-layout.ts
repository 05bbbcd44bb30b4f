// The organisation's field layout applied to one lead: its sections in order, each field with its
// label and value, hidden fields left out. Fields placed in no section (defined after the layout was
// set) follow in a last section, so nothing a lead holds goes missing.
import {
  STANDARD_FIELDS,
  type CustomFieldValue,
  type FieldLayout,
  type Money,
  type OrganisationView,
  type StandardFieldKey,
} from '@leadline/domain';
import type { LeadDetail } from '@leadline/projections';

export type LaidOutValue = Money | CustomFieldValue | null;

export interface LaidOutField {
  readonly key: string;
  readonly label: string;
  readonly kind: 'standard' | 'custom';
  readonly value: LaidOutValue;
}

export interface LaidOutSection {
  readonly name: string;
  readonly fields: readonly LaidOutField[];
}

export const STANDARD_FIELD_LABELS: { readonly [K in StandardFieldKey]: string } = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  company: 'Company',
  source: 'Source',
  rating: 'Rating',
  estimatedValue: 'Estimated revenue',
  expectedSaleDate: 'Expected sale date',
  notes: 'Notes',
};

const DEFAULT_SECTION = 'Details';
const LEFT_OVER_SECTION = 'More';

/** The layout in force: the organisation's, or every standard field then every live custom field. */
export function layoutOf(organisation: OrganisationView | null): FieldLayout {
  if (organisation?.fieldLayout != null) return organisation.fieldLayout;
  const custom = (organisation?.settings.customFields ?? []).filter((field) => field.retired !== true);
  return {
    sections: [{ name: DEFAULT_SECTION, fields: [...STANDARD_FIELDS.map((f) => f.key), ...custom.map((f) => f.key)] }],
    hidden: [],
  };
}

export function laidOut(detail: LeadDetail, organisation: OrganisationView | null): LaidOutSection[] {
  const layout = layoutOf(organisation);
  const custom = new Map(
    (organisation?.settings.customFields ?? []).filter((f) => f.retired !== true).map((f) => [f.key, f]),
  );
  const fieldOf = (key: string): LaidOutField | null => {
    const standard = STANDARD_FIELDS.find((field) => field.key === key);
    if (standard !== undefined)
      return { key, label: STANDARD_FIELD_LABELS[standard.key], kind: 'standard', value: detail[standard.key] };
    const definition = custom.get(key);
    return definition === undefined
      ? null
      : { key, label: definition.label, kind: 'custom', value: detail.customFields[key] ?? null };
  };
  const hidden = new Set(layout.hidden);
  const placed = new Set(layout.sections.flatMap((section) => section.fields));
  const sections = layout.sections.map((section) => ({
    name: section.name,
    fields: section.fields.filter((key) => !hidden.has(key)).flatMap((key) => fieldOf(key) ?? []),
  }));
  const leftOver = [...STANDARD_FIELDS.map((f) => f.key), ...custom.keys()].filter(
    (key) => !placed.has(key) && !hidden.has(key),
  );
  if (leftOver.length > 0)
    sections.push({ name: LEFT_OVER_SECTION, fields: leftOver.flatMap((key) => fieldOf(key) ?? []) });
  return sections.filter((section) => section.fields.length > 0);
}
