import type { KeyRole } from './roles.js';

/** The caller of one request, resolved from its API key (or its absence) before any resolver runs. */
export type Viewer = AnonymousViewer | KeyViewer;

export interface AnonymousViewer {
  authenticated: false;
  role: 'ANONYMOUS';
}

export interface KeyViewer {
  authenticated: true;
  role: KeyRole;
  keyId: number;
  /** The key's name, e.g. "Acme Health supplier team": what reviewers and the audit log show. */
  name: string;
}

export const ANONYMOUS: AnonymousViewer = Object.freeze({ authenticated: false, role: 'ANONYMOUS' });
