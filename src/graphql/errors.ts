import { GraphQLError } from 'graphql';

/**
 * Every error a client can see carries one of these stable codes in `extensions.code`. Clients and intranet
 * pages branch on the code, never on the message, so codes are never renamed.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  IMMUTABLE: 'IMMUTABLE',
  IDENTIFIER_DETECTED: 'IDENTIFIER_DETECTED',
  RATE_LIMITED: 'RATE_LIMITED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  TIMEOUT: 'TIMEOUT',
  /** The HTTP request itself is unusable: not JSON, too large, wrong content type (Apollo uses the same code). */
  BAD_REQUEST: 'BAD_REQUEST',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldProblem {
  /** The argument or input path, e.g. `variables.productName` or `input.hazards[2].initialRisk.rating`. */
  field: string;
  message: string;
}

export class HubError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
    this.name = 'HubError';
  }
}

export const errors = {
  badInput(message: string, problems: FieldProblem[] = []): HubError {
    return new HubError(ErrorCode.BAD_USER_INPUT, message, problems.length ? { problems } : {});
  },
  notFound(what: string, key: string): HubError {
    return new HubError(ErrorCode.NOT_FOUND, `${what} "${key}" was not found`, { what, key });
  },
  unauthenticated(message = 'A valid API key is required (Authorization: Bearer <key>)'): HubError {
    return new HubError(ErrorCode.UNAUTHENTICATED, message);
  },
  forbidden(message: string): HubError {
    return new HubError(ErrorCode.FORBIDDEN, message);
  },
  conflict(message: string, extra: Record<string, unknown> = {}): HubError {
    return new HubError(ErrorCode.CONFLICT, message, extra);
  },
  immutable(message: string): HubError {
    return new HubError(ErrorCode.IMMUTABLE, message);
  },
  unavailable(message: string): HubError {
    return new HubError(ErrorCode.SERVICE_UNAVAILABLE, message);
  },
};
