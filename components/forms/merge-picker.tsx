'use client';

import { useRouter } from 'next/navigation';
import { ActorPicker } from './actor-picker';

/** Chooses the duplicate to merge; the page then shows both side by side before anything changes. */
export function MergePicker({ survivorId }: { survivorId: number }) {
  const router = useRouter();
  return (
    <ActorPicker
      id="merge-search"
      label="Find the duplicate"
      hint="Type its name or an alias."
      details={(actor) => ` · #${actor.id}${actor.id === survivorId ? ' (this actor)' : ''}`}
      onPick={(actor) => router.push(`/entities/${survivorId}/merge?other=${actor.id}`)}
    />
  );
}
