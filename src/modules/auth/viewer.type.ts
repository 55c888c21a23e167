import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import type { Viewer } from './viewer.js';

export enum ViewerRole {
  ANONYMOUS = 'ANONYMOUS',
  CONTRIBUTOR = 'CONTRIBUTOR',
  EDITOR = 'EDITOR',
  ADMIN = 'ADMIN',
}
registerEnumType(ViewerRole, {
  name: 'ViewerRole',
  description: 'ANONYMOUS reads published content. CONTRIBUTOR also submits. EDITOR also reviews and publishes. ADMIN also reads the audit log.',
});

@Directive(cacheHint.viewer)
@ObjectType('Viewer', { description: 'Who the API takes the caller to be, from the `Authorization: Bearer` key.' })
export class ViewerType {
  @Field(() => ViewerRole)
  role!: ViewerRole;
  @Field(() => String, { nullable: true, description: 'The key\'s name; null when anonymous.' })
  name!: string | null;

  static from(viewer: Viewer): ViewerType {
    return Object.assign(new ViewerType(), { role: viewer.role as ViewerRole, name: viewer.authenticated ? viewer.name : null });
  }
}
