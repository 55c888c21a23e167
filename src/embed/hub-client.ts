/** A query compiled at build time: its text and the SHA-256 the hub's persisted query cache knows it by. */
export interface PersistedQuery {
  query: string;
  sha256Hash: string;
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export class HubRequestError extends Error {
  override name = 'HubRequestError';
}

/**
 * The hub this script came from: `https://hub.example/embed/dcs-hub.js` -> `https://hub.example/`. Read while the
 * script runs, the only moment `document.currentScript` is set; a page can still point a widget elsewhere with
 * its `hub` attribute.
 */
const scriptSource = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : '';
export const defaultHub = scriptSource ? new URL('../', scriptSource).toString() : new URL('/', window.location.href).toString();

/** The hub's base URL from a `hub` attribute: absolute, with a trailing slash so paths resolve beneath it. */
export function hubBase(attribute: string | null): string {
  if (!attribute) return defaultHub;
  const base = new URL(attribute, window.location.href).toString();
  return base.endsWith('/') ? base : `${base}/`;
}

/**
 * A canonical hub URL as the page should link it: unchanged, or moved under `linkBase` (for a trust that proxies
 * the hub's pages under its own intranet address) keeping path, query and fragment.
 */
export function linkFor(url: string, linkBase: string | null): string {
  if (!linkBase) return url;
  const target = new URL(url);
  const base = new URL(linkBase, window.location.href).toString();
  return new URL(`${target.pathname.replace(/^\//, '')}${target.search}${target.hash}`, base.endsWith('/') ? base : `${base}/`).toString();
}

/**
 * Runs a query over GET as an automatic persisted query. The first request carries only the query's hash: a
 * short URL that the browser, the hub and any CDN can cache. Only if the hub does not know that hash yet (first
 * use, restart) is the request repeated with the query text, which registers it.
 * `apollo-require-preflight` satisfies the hub's CSRF prevention; it is why a cross-origin request is preflighted.
 */
export async function runQuery<T>(hub: string, persisted: PersistedQuery, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  let response = await send<T>(hub, persisted, variables, false, signal);
  if (response.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
    response = await send<T>(hub, persisted, variables, true, signal);
  }
  if (response.errors?.length) throw new HubRequestError(response.errors[0]!.message);
  if (response.data == null) throw new HubRequestError('The hub answered without data');
  return response.data;
}

async function send<T>(hub: string, persisted: PersistedQuery, variables: Record<string, unknown>, withQuery: boolean, signal?: AbortSignal): Promise<GraphqlResponse<T>> {
  const url = new URL('graphql', hub);
  url.searchParams.set('variables', JSON.stringify(variables));
  url.searchParams.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: persisted.sha256Hash } }));
  if (withQuery) url.searchParams.set('query', persisted.query);
  const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' }, credentials: 'omit', signal });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) throw new HubRequestError(`The hub answered ${response.status} ${response.statusText}`.trim());
  return (await response.json()) as GraphqlResponse<T>;
}
