import { get } from 'node:http';

/**
 * A GET as a cache revalidates it. `fetch` adds `Cache-Control: no-cache` to any request carrying If-None-Match,
 * which (rightly) makes a server send the full answer, so conditional requests go through node:http.
 */
export function conditionalGet(url: string, headers: Record<string, string>): Promise<{ status: number; etag?: string; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, etag: response.headers.etag, body }));
    }).on('error', reject);
  });
}
