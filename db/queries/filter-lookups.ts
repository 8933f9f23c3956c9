/**
 * The part of filter validation that needs the database: actor ids and tag slugs must name
 * records that exist, and the summary line needs their names. Shared by the page, the API and the
 * export, after lib/filters.ts has checked the syntax.
 */
import { inArray } from 'drizzle-orm';
import {
  normalizeFilters,
  restrictToViewer,
  type FilterIssue,
  type FilterLookups,
  type FilterViewer,
  type ParsedFilters,
  type TimelineFilters,
} from '@/lib/filters';
import type { DbOrTx } from '../client';
import { entities, tags } from '../schema';

export interface ResolvedFilters {
  filters: TimelineFilters;
  issues: FilterIssue[];
  lookups: FilterLookups;
}

/**
 * Checks references and the viewer's rights. An actor that was merged into another stands for the
 * survivor (its events moved there); an unknown actor or tag is reported and left out.
 */
export function resolveFilters(db: DbOrTx, parsed: ParsedFilters, viewer: FilterViewer): ResolvedFilters {
  const { filters, issues } = restrictToViewer(parsed, viewer);
  const out: FilterIssue[] = [...issues];
  const actorNames = new Map<number, string>();
  const tagLabels = new Map<string, string>();
  let actors = filters.actors;
  let tagSlugs = filters.tags;

  if (actors.length > 0) {
    const rows = db
      .select({ id: entities.id, name: entities.name, mergedIntoId: entities.mergedIntoId })
      .from(entities)
      .where(inArray(entities.id, actors))
      .all();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const survivors = rows.filter((r) => r.mergedIntoId !== null).map((r) => r.mergedIntoId!);
    const survivorRows =
      survivors.length > 0
        ? db.select({ id: entities.id, name: entities.name }).from(entities).where(inArray(entities.id, survivors)).all()
        : [];
    for (const r of survivorRows) actorNames.set(r.id, r.name);
    actors = actors.flatMap((id) => {
      const row = byId.get(id);
      if (!row) {
        out.push({ param: 'actor', message: `There is no actor #${id}.` });
        return [];
      }
      if (row.mergedIntoId !== null && actorNames.has(row.mergedIntoId)) return [row.mergedIntoId];
      actorNames.set(row.id, row.name);
      return [row.id];
    });
  }

  if (tagSlugs.length > 0) {
    const rows = db.select({ slug: tags.slug, label: tags.label }).from(tags).where(inArray(tags.slug, tagSlugs)).all();
    for (const r of rows) tagLabels.set(r.slug, r.label);
    tagSlugs = tagSlugs.filter((slug) => {
      if (tagLabels.has(slug)) return true;
      out.push({ param: 'tag', message: `There is no tag “${slug}”.` });
      return false;
    });
  }

  return {
    filters: normalizeFilters({ ...filters, actors, tags: tagSlugs }),
    issues: out,
    lookups: { actors: actorNames, tags: tagLabels },
  };
}
