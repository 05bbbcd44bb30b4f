// Which fields of which event types hold personal data, and whose: the store seals exactly these and
// nothing else, so everything analytics read stays plain. New fields opt in by adding their path.

/** How one event type's personal fields are sealed. */
export interface PersonalFields {
  /** The contact whose key seals them (null: this event holds nobody's personal data). */
  readonly contactOf: (data: unknown, streamName: string) => string | null;
  /** Dot paths into the event's data (`name`, `changes.email`, `after.phone`); absent or null values stay as they are. */
  readonly fields: readonly string[];
}

/** By event type; types left out are stored plain. */
export type PersonalDataPolicy = Readonly<Record<string, PersonalFields | undefined>>;

type JsonObject = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The data with the value at each path replaced by `seal(value)`; copies only what it changes. */
export function mapFields(data: unknown, paths: readonly string[], seal: (value: unknown) => unknown): unknown {
  let result = data;
  for (const path of paths) result = mapPath(result, path.split('.'), seal);
  return result;
}

function mapPath(data: unknown, path: readonly string[], seal: (value: unknown) => unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined || !isObject(data) || !(head in data)) return data;
  const value = data[head];
  if (value === null || value === undefined) return data;
  const next = rest.length === 0 ? seal(value) : mapPath(value, rest, seal);
  return next === value ? data : { ...data, [head]: next };
}

/** Every string in the data (any depth) that satisfies the test. */
export function collectStrings(data: unknown, test: (text: string) => boolean, into: string[] = []): string[] {
  if (typeof data === 'string') {
    if (test(data)) into.push(data);
  } else if (Array.isArray(data)) {
    for (const item of data) collectStrings(item, test, into);
  } else if (isObject(data)) {
    for (const key in data) collectStrings(data[key], test, into);
  }
  return into;
}

/** The data with every string the map holds replaced by its mapped value; copies only what it changes. */
export function replaceStrings(data: unknown, replacements: ReadonlyMap<string, unknown>): unknown {
  if (typeof data === 'string') return replacements.has(data) ? replacements.get(data) : data;
  if (Array.isArray(data)) {
    const items = data.map((item: unknown) => replaceStrings(item, replacements));
    return items.some((item, index) => item !== data[index]) ? items : data;
  }
  if (!isObject(data)) return data;
  let copy: Record<string, unknown> | null = null;
  for (const key in data) {
    const value = data[key];
    const next = replaceStrings(value, replacements);
    if (next !== value) {
      copy ??= { ...data };
      copy[key] = next;
    }
  }
  return copy ?? data;
}
