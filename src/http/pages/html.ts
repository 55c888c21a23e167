import escapeHtml from 'escape-html';

/**
 * Markup that is already safe to send. Everything interpolated into `html` is escaped unless it is one of
 * these, so the only ways to put raw markup on a page are `html` itself and `trustedHtml` (sanitised Markdown).
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template for page markup: interpolated text and attribute values are escaped by default. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i += 1) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Wraps markup produced by the sanitising Markdown pipeline; never pass request input here. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Builds a link with query parameters, leaving out empty ones. */
export function hrefWith(path: string, params: Record<string, string | number | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
