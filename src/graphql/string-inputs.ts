import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, visit, type ArgumentNode, type DocumentNode } from 'graphql';
import { ErrorCode, HubError, type FieldProblem } from './errors.js';

/** Places named in one answer: enough to fix the request, never an answer as large as a hostile one. */
const MAX_REPORTED = 20;

/**
 * PostgreSQL text cannot hold a NUL character, so a string carrying one would fail deep in a resolver as an
 * internal error. It is refused before execution instead, naming the variable or argument that carried it.
 */
export function rejectNulCharactersPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const problems = [...nulInVariables(request.variables ?? {}), ...nulInLiterals(document)].slice(0, MAX_REPORTED);
          if (problems.length > 0) {
            const message = `Strings may not contain NUL characters (\\u0000): ${problems.map((p) => p.field).join(', ')}`;
            throw new HubError(ErrorCode.BAD_USER_INPUT, message, { problems, http: { status: 400 } });
          }
        },
      };
    },
  };
}

interface Step {
  value: unknown;
  /** `$name` for a variable, `.key` or `[i]` below it. */
  segment: string;
  parent: Step | null;
}

function nulInVariables(variables: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  // Iterative, and paths are spelled out only for a finding: variables are client-shaped, and nesting thousands
  // deep must neither overflow the stack nor build a path string per level.
  const pending: Step[] = Object.entries(variables).map(([name, value]) => ({ value, segment: `$${name}`, parent: null }));
  while (pending.length > 0) {
    const step = pending.pop()!;
    const { value } = step;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) problems.push({ field: pathOf(step), message: 'contains a NUL character' });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1) pending.push({ value: value[i], segment: `[${i}]`, parent: step });
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value).reverse()) pending.push({ value: item, segment: `.${key}`, parent: step });
    }
  }
  return problems;
}

function pathOf(step: Step): string {
  const segments: string[] = [];
  for (let at: Step | null = step; at; at = at.parent) segments.push(at.segment);
  return segments.reverse().join('');
}

function nulInLiterals(document: DocumentNode): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const argumentNames: string[] = [];
  visit(document, {
    Argument: {
      enter: (node: ArgumentNode) => {
        argumentNames.push(node.name.value);
      },
      leave: () => {
        argumentNames.pop();
      },
    },
    StringValue: (node) => {
      if (node.kind === Kind.STRING && node.value.includes('\u0000')) {
        problems.push({ field: argumentNames.at(-1) ?? 'a string literal', message: 'contains a NUL character' });
      }
    },
  });
  return problems;
}
