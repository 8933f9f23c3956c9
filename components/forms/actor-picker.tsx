'use client';

/**
 * The one way to pick an actor: a combobox over the one actor search (`/api/entities`, which
 * answers each viewer with the actors they may see: drafts' actors for staff). The event form,
 * the merge page and the timeline's actor filter all use it, each with its own label and what a
 * pick does.
 */
import type { EntityMatch } from '@/db/queries/entity-search';
import { ENTITY_KIND_LABELS } from '@/lib/vocabulary';
import { AsyncCombobox } from './combobox';

export const actorSearchUrl = (q: string) => `/api/entities?${new URLSearchParams({ q })}`;

function actorOption(actor: EntityMatch, details: string) {
  return {
    key: String(actor.id),
    text: actor.name,
    label: (
      <span>
        {actor.name}
        <span className="text-zinc-600 dark:text-zinc-400">
          {' '}
          · {ENTITY_KIND_LABELS[actor.kind]}
          {actor.countryCode ? ` · ${actor.countryCode}` : ''}
          {actor.alias ? ` · also known as ${actor.alias}` : ''} · {actor.eventCount === 1 ? '1 event' : `${actor.eventCount} events`}
          {details}
        </span>
      </span>
    ),
  };
}

export function ActorPicker({
  details,
  ...combobox
}: Omit<Parameters<typeof AsyncCombobox<EntityMatch>>[0], 'url' | 'toOption'> & {
  /** More to say about an actor in its option (e.g. "already chosen"). */
  details?: (actor: EntityMatch) => string;
}) {
  return <AsyncCombobox<EntityMatch> {...combobox} url={actorSearchUrl} toOption={(actor) => actorOption(actor, details?.(actor) ?? '')} />;
}
