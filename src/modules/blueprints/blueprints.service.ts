import type { FilterQuery } from '@mikro-orm/core';
import type { Em } from '../../db/createOrm.js';
import type { PageWindow } from '../../graphql/connection.js';
import { errors } from '../../graphql/errors.js';
import { BlueprintEntity, type Blueprint } from './blueprint.entity.js';
import { BlueprintVersionEntity, type BlueprintVersion } from './blueprint-version.entity.js';

export interface BlueprintFilter {
  kind?: string;
  topic?: string;
  /** A clause reference: only blueprints whose latest version helps satisfy it. */
  clause?: string;
}

export class BlueprintsService {
  constructor(private readonly em: Em) {}

  findBySlug(slug: string): Promise<Blueprint | null> {
    return this.em.findOne(BlueprintEntity, { slug, published: true });
  }

  findBySlugs(slugs: readonly string[]): Promise<Blueprint[]> {
    return this.em.find(BlueprintEntity, { slug: { $in: [...slugs] }, published: true }, { orderBy: { title: 'asc' } });
  }

  /** Blueprints whose latest version helps satisfy a clause ("DCB0160 3.5.1"), in title order. */
  async citing(clauseRef: string): Promise<Blueprint[]> {
    // Only the version numbers: the templates these rows carry are large and not needed here.
    const versions = await this.em.find(BlueprintVersionEntity, { clauseRefs: { $contains: [clauseRef] } }, { fields: ['version', 'blueprint'] });
    if (versions.length === 0) return [];
    const citingVersions = new Set(versions.map((v) => `${v.blueprint.id}@${v.version}`));
    const blueprints = await this.em.find(BlueprintEntity, { id: { $in: [...new Set(versions.map((v) => v.blueprint.id))] }, published: true }, { orderBy: { title: 'asc' } });
    return blueprints.filter((b) => citingVersions.has(`${b.id}@${b.latestVersion}`));
  }

  /** How many published blueprints there are of each kind (kinds without one are left out). */
  async countByKind(): Promise<Map<string, number>> {
    const rows = await this.em.find(BlueprintEntity, { published: true }, { fields: ['kind'] });
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.kind, (counts.get(row.kind) ?? 0) + 1);
    return counts;
  }

  async page(window: PageWindow, filter: BlueprintFilter = {}): Promise<[Blueprint[], number]> {
    const where: FilterQuery<Blueprint> = { published: true };
    if (filter.kind) where.kind = filter.kind as Blueprint['kind'];
    if (filter.topic) where.topics = { $contains: [filter.topic] };
    if (filter.clause) {
      const versions = await this.em.find(BlueprintVersionEntity, { clauseRefs: { $contains: [filter.clause] } }, { fields: ['blueprint'] });
      where.id = { $in: [...new Set(versions.map((v) => v.blueprint.id))] };
    }
    return this.em.findAndCount(BlueprintEntity, where, { orderBy: { title: 'asc' }, offset: window.offset, limit: window.limit });
  }

  /** Newest first; withdrawn versions are left out of the list but stay resolvable by number. */
  versions(blueprint: Blueprint): Promise<BlueprintVersion[]> {
    return this.em.find(BlueprintVersionEntity, { blueprint, withdrawn: false }, { orderBy: { major: 'desc', minor: 'desc', patch: 'desc' } });
  }

  /** `latest` or an exact version number. */
  async version(blueprint: Blueprint, version: string): Promise<BlueprintVersion> {
    const wanted = version === 'latest' ? blueprint.latestVersion : version;
    const found = await this.em.findOne(BlueprintVersionEntity, { blueprint, version: wanted });
    if (!found) throw errors.notFound(`Version of blueprint ${blueprint.slug}`, version);
    return found;
  }
}
