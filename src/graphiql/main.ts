/**
 * GraphiQL, bundled at build time and served by the hub itself (no CDN), so the explorer works offline and
 * inside networks that block third-party scripts. It talks to the hub's own /graphql over JSON POST.
 */
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './page.css';

const WORKER_URLS: Record<string, string> = {
  graphql: 'graphql.worker.js',
  json: 'json.worker.js',
};

// Monaco runs language services in web workers; they are bundled next to this file.
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return new Worker(new URL(WORKER_URLS[label] ?? 'editor.worker.js', import.meta.url), { type: 'module' });
  },
};

const EXAMPLE_QUERY = `# DCS Hub read API. Press the run button (or Ctrl+Enter).
query ClauseAndSearch {
  clause(standard: "DCB0129", number: "2.3.1") {
    number
    title
    obligation
    summary
    counterpart { standardCode number title }
  }
  search(query: "hazard log", first: 5) {
    totalCount
    edges { node { score highlight document { title kind url } } }
  }
}
`;

const mount = document.getElementById('graphiql');
if (mount) {
  // This file is served at <hub>/graphiql/assets/graphiql.js, so the API is two levels up (even under a path prefix).
  const fetcher = createGraphiQLFetcher({ url: new URL('../../graphql', import.meta.url).toString() });
  createRoot(mount).render(createElement(GraphiQL, { fetcher, defaultQuery: EXAMPLE_QUERY }));
}
