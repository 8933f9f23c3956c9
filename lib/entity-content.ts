/** An actor's fields as people read them, and the differences between two versions of it. */
import { countryName } from '@/lib/countries';
import { ENTITY_KIND_LABELS, type EntityKind } from '@/lib/vocabulary';
import type { FieldChange } from '@/lib/event-content';

export interface EntityContent {
  kind: string;
  name: string;
  description: string | null;
  countryCode: string | null;
  opensanctionsId: string | null;
  ofacUid: string | null;
  mergedIntoId: number | null;
  /** Made public by staff before a published event involved it (snapshots before issue 10 lack it: no). */
  madePublic: boolean;
  aliases: string[];
}

type Key = 'kind' | 'name' | 'description' | 'countryCode' | 'aliases' | 'opensanctionsId' | 'ofacUid' | 'mergedIntoId' | 'madePublic';

const FIELDS: { key: Key; label: string; value: (c: EntityContent, name: (id: number) => string) => string | null }[] = [
  { key: 'kind', label: 'Kind', value: (c) => ENTITY_KIND_LABELS[c.kind as EntityKind] ?? c.kind },
  { key: 'name', label: 'Name', value: (c) => c.name },
  { key: 'description', label: 'Description', value: (c) => c.description },
  { key: 'countryCode', label: 'Country', value: (c) => (c.countryCode ? `${countryName(c.countryCode)} (${c.countryCode})` : null) },
  { key: 'opensanctionsId', label: 'OpenSanctions id', value: (c) => c.opensanctionsId },
  { key: 'ofacUid', label: 'OFAC UID', value: (c) => c.ofacUid },
  { key: 'mergedIntoId', label: 'Merged into', value: (c, name) => (c.mergedIntoId ? name(c.mergedIntoId) : null) },
  { key: 'madePublic', label: 'Made public by staff', value: (c) => (c.madePublic ? 'Yes' : null) },
];

export function entityContent(s: Partial<EntityContent> & { kind: string; name: string }): EntityContent {
  return {
    kind: s.kind,
    name: s.name,
    description: s.description ?? null,
    countryCode: s.countryCode ?? null,
    opensanctionsId: s.opensanctionsId ?? null,
    ofacUid: s.ofacUid ?? null,
    mergedIntoId: s.mergedIntoId ?? null,
    madePublic: s.madePublic ?? false,
    aliases: [...(s.aliases ?? [])].sort((a, b) => a.localeCompare(b)),
  };
}

/** Uses the event diff's change shape so one component shows both histories. */
export function diffEntityContent(before: EntityContent | null, after: EntityContent, entityName: (id: number) => string): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of FIELDS) {
    const was = before ? f.value(before, entityName) : null;
    const now = f.value(after, entityName);
    if (was !== now) changes.push({ key: f.key, label: f.label, kind: 'value', before: was, after: now });
    if (f.key === 'countryCode') {
      const added = after.aliases.filter((a) => !(before?.aliases ?? []).includes(a));
      const removed = (before?.aliases ?? []).filter((a) => !after.aliases.includes(a));
      if (added.length || removed.length) changes.push({ key: 'aliases', label: 'Aliases', kind: 'items', added, removed });
    }
  }
  return changes;
}
