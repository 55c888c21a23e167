import 'reflect-metadata';
import { Directive, Field, ID, InterfaceType } from 'type-graphql';
import { cacheHint } from './cache-control.js';
import { errors } from './errors.js';

/** Relay global ids: base64url of `Type:key`, opaque to clients. */
export function toGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

export function fromGlobalId(id: string): { type: string; key: string } {
  const decoded = /^[A-Za-z0-9_-]{1,512}$/.test(id) ? Buffer.from(id, 'base64url').toString('utf8') : '';
  const cut = decoded.indexOf(':');
  if (cut <= 0 || cut === decoded.length - 1) throw errors.badInput(`"${id.slice(0, 64)}" is not a valid id`, [{ field: 'id', message: 'not a global id issued by this API' }]);
  return { type: decoded.slice(0, cut), key: decoded.slice(cut + 1) };
}

@Directive(cacheHint.content)
@InterfaceType({ description: 'An object with a global id, refetchable with `node(id:)`.' })
export abstract class Node {
  @Field(() => ID)
  id!: string;
}
