/** The actor a staff page's `[id]` names (merged ones included: their pages say so), or the 404 page. */
import 'server-only';
import { notFound } from 'next/navigation';
import { getStore } from '@/db';
import type { EntityDetail } from '@/db/queries/entities';
import { parseId } from '@/db/queries/events';

export async function entityForStaffPage(idParam: string): Promise<EntityDetail> {
  const id = parseId(idParam);
  const entity = id === null ? null : await getStore().entities.get(id);
  if (!entity) notFound();
  return entity;
}
