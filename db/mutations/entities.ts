/** Writes to entities (actors), each in one transaction with its revision row. */
import type { DbOrTx } from '../client';
import { nowIso, recordEntityRevision, type ChangeActor } from '../revisions';
import { entities, entityAliases } from '../schema';
import type { EntityInput } from '@/lib/validation/entity';

export function createEntity(db: DbOrTx, input: EntityInput, actor: ChangeActor): { id: number; version: number } {
  return db.transaction((tx) => {
    const ts = nowIso();
    const row = tx
      .insert(entities)
      .values({
        kind: input.kind,
        name: input.name,
        description: input.description,
        countryCode: input.countryCode,
        opensanctionsId: input.opensanctionsId,
        ofacUid: input.ofacUid,
        createdAt: ts,
        updatedAt: ts,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning({ id: entities.id })
      .get();
    if (input.aliases.length > 0) {
      tx.insert(entityAliases)
        .values(input.aliases.map((alias) => ({ entityId: row.id, alias })))
        .run();
    }
    recordEntityRevision(tx, row.id, { action: 'create', actor });
    return { id: row.id, version: 1 };
  });
}
