// Which fields of which event types hold personal data, and whose: the store seals exactly these and
// nothing else, so everything analytics read stays plain. New fields opt in by adding their path.

/** How one event type's personal fields are sealed. */
export interface PersonalFields {
  /** The contact whose key seals them (null: this event holds nobody's personal data). */
  readonly contactOf: (data: unknown, streamName: string) => string | null;
  /**
   * Dot paths into the event's data (`name`, `changes.email`, `after.phone`); absent or null values stay
   * as they are. A `*` segment stands for every key of the object there (`customFields.*`).
   */
  readonly fields: readonly string[];
  /**
   * Paths like `fields` whose values are sealed only when they are text or lists (strings, arrays):
   * numbers and booleans stay plain, so lists keep filtering and sorting by them.
   */
  readonly textFields?: readonly string[];
  /**
   * The event begins its contact (a lead's creation): no key of it can be held yet, so the store makes one
   * without looking. A key made anyway for a contact that holds one is harmless: a contact may hold several.
   */
  readonly startsContact?: boolean;
}

/** By event type; types left out are stored plain. */
export type PersonalDataPolicy = Readonly<Record<string, PersonalFields | undefined>>;

type JsonObject = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A path split once, when the policy is compiled, not per event. */
export type FieldPath = readonly string[];
const ANY_KEY = '*';

/** One event type's fields, compiled: the paths split, each with whether it seals any value or text only. */
export interface CompiledFields {
  readonly contactOf: PersonalFields['contactOf'];
  readonly startsContact: boolean;
  readonly paths: readonly { readonly path: FieldPath; readonly textOnly: boolean }[];
}

export function compilePolicy(policy: PersonalDataPolicy): ReadonlyMap<string, CompiledFields> {
  const compiled = new Map<string, CompiledFields>();
  for (const [type, personal] of Object.entries(policy)) {
    if (personal === undefined) continue;
    compiled.set(type, {
      contactOf: personal.contactOf,
      startsContact: personal.startsContact === true,
      paths: [
        ...personal.fields.map((path) => ({ path: path.split('.'), textOnly: false })),
        ...(personal.textFields ?? []).map((path) => ({ path: path.split('.'), textOnly: true })),
      ],
    });
  }
  return compiled;
}

/** Whether a value found at a text-only path is sealed: text and lists are, numbers and booleans are not. */
export const isTextLike = (value: unknown): boolean => typeof value === 'string' || Array.isArray(value);

/** The data with the value at each compiled path replaced by `seal(value)`; copies only what it changes. */
export function mapFields(data: unknown, fields: CompiledFields, seal: (value: unknown) => unknown): unknown {
  let result = data;
  for (const { path, textOnly } of fields.paths) {
    result = mapPath(result, path, 0, textOnly ? (value) => (isTextLike(value) ? seal(value) : value) : seal);
  }
  return result;
}

function mapPath(data: unknown, path: FieldPath, at: number, seal: (value: unknown) => unknown): unknown {
  const head = path[at];
  if (head === undefined || !isObject(data)) return data;
  if (head === ANY_KEY) {
    let copy: Record<string, unknown> | null = null;
    for (const key in data) {
      const value = data[key];
      const next = mapValue(value, path, at, seal);
      if (next !== value) {
        copy ??= { ...data };
        copy[key] = next;
      }
    }
    return copy ?? data;
  }
  if (!(head in data)) return data;
  const value = data[head];
  const next = mapValue(value, path, at, seal);
  return next === value ? data : { ...data, [head]: next };
}

function mapValue(value: unknown, path: FieldPath, at: number, seal: (value: unknown) => unknown): unknown {
  if (value === null || value === undefined) return value;
  return at === path.length - 1 ? seal(value) : mapPath(value, path, at + 1, seal);
}
