import { errors, type FieldProblem } from '../../graphql/errors.js';
import type { BlueprintVariable } from './blueprint-version.entity.js';

export type VariableValue = string | number | boolean;
/** Every declared variable, typed; `null` only for an optional variable that was not given and has no default. */
export type ResolvedVariables = Record<string, VariableValue | null>;

const MAX_STRING_LENGTH = 500;
const MAX_TEXT_LENGTH = 20_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks the caller's values against the version's declarations and fills in defaults. Every problem is
 * reported at once, each under `variables.<name>`, so a caller can fix a whole form in one go.
 */
export function resolveVariables(declared: readonly BlueprintVariable[], given: Readonly<Record<string, unknown>>, label: string): ResolvedVariables {
  const problems: FieldProblem[] = [];
  const known = new Set(declared.map((v) => v.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      problems.push({ field: `variables.${name}`, message: `is not a variable of ${label}; it takes ${[...known].join(', ') || 'no variables'}` });
    }
  }
  const resolved: ResolvedVariables = {};
  for (const variable of declared) {
    const raw = given[variable.name];
    if (isMissing(raw)) {
      if (variable.default != null) resolved[variable.name] = variable.default;
      else if (variable.required) problems.push({ field: `variables.${variable.name}`, message: `is required (${variable.type}): ${variable.description}` });
      else resolved[variable.name] = null;
      continue;
    }
    const checked = checkValue(variable, raw);
    if (typeof checked === 'object' && checked !== null && 'problem' in checked) {
      problems.push({ field: `variables.${variable.name}`, message: checked.problem });
    } else {
      resolved[variable.name] = checked as VariableValue;
    }
  }
  if (problems.length > 0) {
    const listed = problems.map((p) => `${p.field} ${p.message}`).join('; ');
    throw errors.badInput(`${label} cannot be rendered: ${listed}`, problems);
  }
  return resolved;
}

/**
 * Query strings carry only text: numbers and booleans are read per declaration. A value that does not parse is
 * passed on unchanged so `resolveVariables` reports it with the variable's name.
 */
export function variablesFromQuery(declared: readonly BlueprintVariable[], query: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const types = new Map(declared.map((v) => [v.name, v.type]));
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) {
    if (typeof value !== 'string') {
      out[name] = value;
      continue;
    }
    const type = types.get(name);
    const text = value.trim();
    if (type === 'NUMBER' && /^-?\d+(\.\d+)?$/.test(text)) out[name] = Number(text);
    else if (type === 'BOOLEAN' && /^(true|false|yes|no)$/i.test(text)) out[name] = /^(true|yes)$/i.test(text);
    else out[name] = value;
  }
  return out;
}

/** How a value reads in a document: booleans as Yes/No, dates in British long form. */
export function displayValue(variable: BlueprintVariable, value: VariableValue | null): string {
  if (value === null) return '';
  if (variable.type === 'BOOLEAN') return value ? 'Yes' : 'No';
  if (variable.type === 'DATE') return longDate(String(value));
  return String(value);
}

/** "2025-10-13" -> "13 October 2025". */
export function longDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day));
}

function isMissing(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

function describe(raw: unknown): string {
  const text = JSON.stringify(raw) ?? String(raw);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function checkValue(variable: BlueprintVariable, raw: unknown): VariableValue | { problem: string } {
  if (Array.isArray(raw)) return { problem: `was given ${raw.length} times; give it once` };
  switch (variable.type) {
    case 'STRING': {
      if (typeof raw !== 'string') return { problem: `must be text (STRING); got ${describe(raw)}` };
      if (/[\r\n]/.test(raw)) return { problem: 'must be a single line (STRING); use a TEXT variable for several lines' };
      const value = raw.trim();
      if (value.length > MAX_STRING_LENGTH) return { problem: `must be at most ${MAX_STRING_LENGTH} characters; got ${value.length}` };
      return value;
    }
    case 'TEXT': {
      if (typeof raw !== 'string') return { problem: `must be text (TEXT); got ${describe(raw)}` };
      const value = raw.replace(/\r\n?/g, '\n').trim();
      if (value.length > MAX_TEXT_LENGTH) return { problem: `must be at most ${MAX_TEXT_LENGTH} characters; got ${value.length}` };
      return value;
    }
    case 'DATE': {
      const match = typeof raw === 'string' ? ISO_DATE.exec(raw.trim()) : null;
      if (!match) return { problem: `must be a date written YYYY-MM-DD, e.g. 2026-03-31; got ${describe(raw)}` };
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(year, month - 1, day));
      if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
        return { problem: `is not a real calendar date; got ${describe(raw)}` };
      }
      return match[0];
    }
    case 'NUMBER':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return { problem: `must be a number; got ${describe(raw)}` };
      return raw;
    case 'BOOLEAN':
      if (typeof raw !== 'boolean') return { problem: `must be true or false; got ${describe(raw)}` };
      return raw;
    case 'ENUM': {
      const options = variable.options ?? [];
      if (typeof raw !== 'string' || !options.includes(raw.trim())) return { problem: `must be one of ${options.join(', ')}; got ${describe(raw)}` };
      return raw.trim();
    }
  }
}
