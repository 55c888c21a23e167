import 'reflect-metadata';
import type { ClassType } from 'type-graphql';
import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { cacheHint } from './cache-control.js';
import { errors } from './errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@Directive(cacheHint.content)
@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;
  @Field(() => Boolean)
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true })
  startCursor?: string | null;
  @Field(() => String, { nullable: true })
  endCursor?: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number;
  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
  after?: string;
}

export interface PageWindow {
  offset: number;
  limit: number;
}

/** Cursors are opaque offsets: content lists have a stable order, so an offset is a faithful position. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const decoded = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^o:(\d{1,9})$/.exec(decoded);
  if (!match) throw errors.badInput('The "after" cursor is not valid', [{ field: 'after', message: 'use a cursor returned by this API' }]);
  return Number(match[1]);
}

export function pageWindow(args: ConnectionArgs): PageWindow {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw errors.badInput(`"first" must be between 1 and ${MAX_PAGE_SIZE}`, [{ field: 'first', message: `between 1 and ${MAX_PAGE_SIZE}` }]);
  }
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { offset, limit: first };
}

export interface ConnectionShape<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

export function toConnection<T>(items: T[], totalCount: number, window: PageWindow): ConnectionShape<T> {
  const edges = items.map((node, index) => ({ cursor: encodeCursor(window.offset + index), node }));
  return {
    totalCount,
    edges,
    pageInfo: {
      hasNextPage: window.offset + items.length < totalCount,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

const connectionTypes = new Map<string, ClassType>();

/** A Relay connection type for `T`, created once per node type (type-graphql's generic type pattern). */
export function Connection<T extends object>(nodeType: ClassType<T>, name = nodeType.name): ClassType<ConnectionShape<T>> {
  const existing = connectionTypes.get(name);
  if (existing) return existing as ClassType<ConnectionShape<T>>;

  @Directive(cacheHint.content)
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;
    @Field(() => nodeType)
    node!: T;
  }

  @Directive(cacheHint.content)
  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => Int, { description: 'Number of items across all pages.' })
    totalCount!: number;
    @Field(() => [Edge])
    edges!: Edge[];
    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  connectionTypes.set(name, ConnectionType);
  return ConnectionType as ClassType<ConnectionShape<T>>;
}
