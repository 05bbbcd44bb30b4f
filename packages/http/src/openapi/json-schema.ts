// The JSON Schema of a boundary schema, as a caller sends it (zod's input side). Dates travel as
// ISO 8601 text; for reading query strings they are marked so the text becomes a Date.
import * as z from 'zod';

export interface JsonSchema {
  readonly type?: string;
  readonly format?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly [keyword: string]: unknown;
}

type Purpose = 'document' | 'coerce';
const cache: Record<Purpose, WeakMap<z.ZodType, JsonSchema>> = { document: new WeakMap(), coerce: new WeakMap() };

export function jsonSchemaOf(schema: z.ZodType, purpose: Purpose = 'document'): JsonSchema {
  const known = cache[purpose].get(schema);
  if (known !== undefined) return known;
  const made = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'date') {
        jsonSchema.type = 'string';
        jsonSchema.format = 'date-time';
        if (purpose === 'coerce') jsonSchema['x-leadline-date'] = true;
      }
      if (zodSchema._zod.def.type === 'bigint') {
        jsonSchema.type = 'string';
        jsonSchema.pattern = '^\\d+$';
      }
    },
  }) as JsonSchema;
  cache[purpose].set(schema, made);
  return made;
}
