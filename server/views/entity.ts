/** The actor a staff page's `[id]` names (merged ones included: their pages say so), or the 404 page. */
import 'server-only';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { getEntity, type EntityDetail } from '@/db/queries/entities';
import { parseId } from '@/db/queries/events';

export function entityForStaffPage(idParam: string): EntityDetail {
  const id = parseId(idParam);
  const entity = id === null ? null : getEntity(getDb(), id);
  if (!entity) notFound();
  return entity;
}
