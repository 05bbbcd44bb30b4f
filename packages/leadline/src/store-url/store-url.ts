// Store URLs: `memory:`, `sqlite:FILE`, `postgres://…` (or `postgresql://…`), `esdb://…`. Parsing is
// separate from opening so a bad URL is refused before any adapter is loaded.
import { RuntimeError, RuntimeErrorCode } from '../commands/errors.js';

export type StoreLocation =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly file: string }
  /** `schema` comes from a `?schema=` parameter, which is taken off the connection string. */
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string | undefined }
  /** `namespace` comes from a `?namespace=` parameter, which is taken off the connection string. */
  | { readonly kind: 'esdb'; readonly connectionString: string; readonly namespace: string | undefined };

export const STORE_URL_FORMS =
  'memory:, sqlite:FILE, postgres://user@host:5432/db[?schema=name], esdb://host:2113?tls=false[&namespace=name]';

export class InvalidStoreUrlError extends RuntimeError {
  override readonly name = 'InvalidStoreUrlError';
  constructor(field: string, url: string, rule: string, why: string) {
    super(
      RuntimeErrorCode.InvalidStoreUrl,
      field,
      rule,
      `Cannot open "${redact(url)}": ${why}. A store URL is one of ${STORE_URL_FORMS}.`,
    );
  }
}

export function parseStoreUrl(url: string, field = 'storeUrl'): StoreLocation {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'memory':
      if (trimmed.length > 'memory:'.length)
        throw new InvalidStoreUrlError(field, url, 'memory-takes-nothing', 'memory: takes no path');
      return { kind: 'memory' };
    case 'sqlite': {
      const file = trimmed.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
      if (file === '')
        throw new InvalidStoreUrlError(
          field,
          url,
          'sqlite-file-required',
          'sqlite: needs a file, as in sqlite:./leadline.db',
        );
      return { kind: 'sqlite', file };
    }
    case 'postgres':
    case 'postgresql': {
      const { rest, value } = takeParameter(field, trimmed, 'schema');
      return { kind: 'postgres', connectionString: rest, schema: value };
    }
    case 'esdb':
    case 'esdb+discover': {
      const { rest, value } = takeParameter(field, trimmed, 'namespace');
      return { kind: 'esdb', connectionString: rest, namespace: value };
    }
    default:
      throw new InvalidStoreUrlError(
        field,
        url,
        'known-scheme',
        scheme === undefined ? 'it has no scheme' : `the scheme "${scheme}:" is not one Leadline knows`,
      );
  }
}

function takeParameter(field: string, url: string, name: string): { rest: string; value: string | undefined } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidStoreUrlError(field, url, 'well-formed', 'it is not a well-formed URL');
  }
  if (parsed.hostname === '') throw new InvalidStoreUrlError(field, url, 'host-required', 'it names no host');
  const value = parsed.searchParams.get(name) ?? undefined;
  if (value !== undefined && !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(value)) {
    throw new InvalidStoreUrlError(field, url, `${name}-name`, `${name} must be letters, digits and underscores`);
  }
  parsed.searchParams.delete(name);
  return { rest: parsed.toString(), value };
}

/** A URL safe to print: the password, if any, masked. */
export const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
