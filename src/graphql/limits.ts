import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  type GraphQLFormattedError,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { GraphqlLimits } from '../config.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection.js';
import { ErrorCode, HubError } from './errors.js';
import { rejectNulCharactersPlugin } from './string-inputs.js';

/**
 * Operation limits of the public GraphQL API. Each limit, when hit, answers with `QUERY_TOO_COMPLEX` and
 * `extensions.limit` naming it (`depth`, `aliases`, `directives`, `tokens`, `cost`), so a client can tell which
 * one it met; a slow request answers `TIMEOUT`. Values come from configuration (GRAPHQL_MAX_* and
 * GRAPHQL_TIMEOUT_MS) and are listed in docs/security.md.
 */
export type OperationLimit = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost';

/** A list field without a `first` argument is costed as if it held this many items. */
export const ASSUMED_LIST_SIZE = 10;

export function limitExceeded(limit: OperationLimit, maximum: number, message: string, actual?: number): HubError {
  return new HubError(ErrorCode.QUERY_TOO_COMPLEX, message, {
    limit,
    maximum,
    ...(actual === undefined ? {} : { actual }),
    http: { status: 400 },
  });
}

export function timeoutError(timeoutMs: number): HubError {
  return new HubError(ErrorCode.TIMEOUT, `The request was not answered within ${timeoutMs} ms; ask for less, or try again later`, { timeoutMs });
}

/**
 * graphql-armor's rules count depth, aliases and directives (following fragments); their rejection is turned
 * into the hub's error so the code is stable and the message names the limit.
 */
function armorRule(limit: OperationLimit, maximum: number, build: (onReject: (context: ValidationContext | null, error: GraphQLError) => void) => ValidationRule): ValidationRule {
  return build((context, error) => {
    const found = /found (\d+)/.exec(error.message);
    const message = error.message.replace(/^Syntax Error: /, '');
    context?.reportError(limitExceeded(limit, maximum, message, found ? Number(found[1]) : undefined));
  });
}

export function limitValidationRules(limits: GraphqlLimits): ValidationRule[] {
  return [
    armorRule('depth', limits.maxDepth, (onReject) => maxDepthRule({ n: limits.maxDepth, onReject: [onReject], propagateOnRejection: false })),
    armorRule('aliases', limits.maxAliases, (onReject) => maxAliasesRule({ n: limits.maxAliases, allowList: [], onReject: [onReject], propagateOnRejection: false })),
    armorRule('directives', limits.maxDirectives, (onReject) => maxDirectivesRule({ n: limits.maxDirectives, onReject: [onReject], propagateOnRejection: false })),
  ];
}

/**
 * The cost of a field is 1 plus the cost of its selection; a field with a `first` argument multiplies its
 * selection by `first` (default and cap as in connection.ts, so an over-large `first` is answered by the
 * clearer BAD_USER_INPUT of the field itself); other lists of objects by ASSUMED_LIST_SIZE. A connection's
 * `edges` were already multiplied on the connection field. Introspection is not costed: it is off in production.
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (type.name.startsWith('__')) return childComplexity;
  if (field.args.some((arg) => arg.name === 'first')) {
    const requested = typeof args.first === 'number' && Number.isInteger(args.first) ? args.first : DEFAULT_PAGE_SIZE;
    return 1 + Math.min(Math.max(requested, 1), MAX_PAGE_SIZE) * childComplexity;
  }
  const nullable = getNullableType(field.type);
  const objectList = isListType(nullable) && isCompositeType(getNamedType(nullable));
  if (objectList && !(type.name.endsWith('Connection') && field.name === 'edges')) return 1 + ASSUMED_LIST_SIZE * childComplexity;
  return 1 + childComplexity;
};

const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';

/**
 * Cost needs the request's variables (`first: $n`), so it is checked once the operation is known rather than
 * as a validation rule. Invalid variables are left to execution, which reports them precisely.
 */
function costLimitPlugin(limits: GraphqlLimits): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return;
          let cost: number;
          try {
            cost = getComplexity({ schema, query: document, variables: request.variables ?? {}, operationName: request.operationName ?? undefined, estimators: [costEstimator] });
          } catch (error) {
            if (error instanceof GraphQLError && error.message === TOO_MANY_NODES) throw limitExceeded('cost', limits.maxCost, `The query selects too many fields (cost limit ${limits.maxCost})`);
            return;
          }
          if (cost > limits.maxCost) {
            throw limitExceeded('cost', limits.maxCost, `Query cost limit of ${limits.maxCost} exceeded, found ${cost}; ask for fewer items (first) or fewer nested lists`, cost);
          }
        },
      };
    },
  };
}

/**
 * Stops resolving once a request has run past its time: every field still to resolve fails with TIMEOUT, so a
 * slow request gives back its database connection instead of finishing work nobody will receive (the HTTP layer
 * has already answered; see requestTimeout in src/http/request-guards.ts).
 */
function timeoutPlugin(limits: GraphqlLimits): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      const deadline = performance.now() + limits.timeoutMs;
      return {
        async executionDidStart() {
          return {
            willResolveField() {
              if (performance.now() > deadline) throw timeoutError(limits.timeoutMs);
            },
          };
        },
      };
    },
  };
}

/** Apollo Server options that enforce the limits: merge into the server's configuration. */
export function limitOptions<Context extends BaseContext>(limits: GraphqlLimits, visibility: { introspection: boolean; fieldSuggestions: boolean }) {
  return {
    introspection: visibility.introspection,
    // Strips "Did you mean ...?" from validation errors, which would otherwise map a schema without introspection.
    hideSchemaDetailsFromClientErrors: !visibility.fieldSuggestions,
    parseOptions: { maxTokens: limits.maxTokens },
    // Apollo's guard against fragment explosions, which otherwise cost validation time before any limit is seen.
    maxRecursiveSelections: true,
    allowBatchedHttpRequests: false,
    validationRules: limitValidationRules(limits),
    plugins: [
      rejectNulCharactersPlugin() as ApolloServerPlugin<Context>,
      costLimitPlugin(limits) as ApolloServerPlugin<Context>,
      timeoutPlugin(limits) as ApolloServerPlugin<Context>,
    ],
  } satisfies Partial<ApolloServerOptions<Context>>;
}

const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

/**
 * Apollo re-wraps validation errors with its own code (GRAPHQL_VALIDATION_FAILED), and graphql's parser reports
 * the token limit as a plain syntax error: both are given back the hub's stable code here.
 */
export function formatLimitError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (original instanceof HubError && original.extensions.code === ErrorCode.QUERY_TOO_COMPLEX) {
    const { http: _http, ...extensions } = original.extensions as Record<string, unknown>;
    return { ...formatted, message: original.message, extensions };
  }
  const tokens = TOKEN_LIMIT.exec(formatted.message);
  if (tokens) {
    const maximum = Number(tokens[1]);
    return { ...formatted, message: `Token limit of ${maximum} exceeded; send a shorter document`, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'tokens', maximum } };
  }
  return formatted;
}
