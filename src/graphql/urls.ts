/** Canonical page paths. The page routes, the `url` field and content links all use these, so they never drift. */
export const paths = {
  standard: (code: string) => `/standards/${encodeURIComponent(code)}`,
  clause: (code: string, number: string) => `/standards/${encodeURIComponent(code)}/${encodeURIComponent(number)}`,
  guidance: (slug: string) => `/guidance/${encodeURIComponent(slug)}`,
  blueprint: (slug: string) => `/blueprints/${encodeURIComponent(slug)}`,
  safetyCase: (slug: string) => `/safety-cases/${encodeURIComponent(slug)}`,
  hazard: (caseSlug: string, code: string) => `/safety-cases/${encodeURIComponent(caseSlug)}#${code.toLowerCase()}`,
  riskMatrix: () => '/risk-matrix',
  learning: (slug: string) => `/learning/${encodeURIComponent(slug)}`,
  evidence: (slug: string) => `/evidence/${encodeURIComponent(slug)}`,
  training: (slug: string) => `/training/${encodeURIComponent(slug)}`,
};
