/**
 * The actor form's values as typed, and their mapping to the one actor schema
 * (lib/validation/entity.ts). Aliases are one per line.
 */
export interface EntityFormValues {
  kind: string;
  name: string;
  description: string;
  countryCode: string;
  aliases: string;
  opensanctionsId: string;
  ofacUid: string;
  /** "yes" when staff make the actor public before any published event involves it. */
  madePublic: string;
}

export const ENTITY_FORM_FIELDS = ['kind', 'name', 'description', 'countryCode', 'aliases', 'opensanctionsId', 'ofacUid', 'madePublic'] as const;

export const ENTITY_FIELD_LABELS: Record<string, string> = {
  kind: 'Kind',
  name: 'Name',
  description: 'Description',
  countryCode: 'Country',
  aliases: 'Aliases',
  opensanctionsId: 'OpenSanctions id',
  ofacUid: 'OFAC UID',
  madePublic: 'Public now',
};

export function emptyEntityForm(): EntityFormValues {
  return { kind: 'person', name: '', description: '', countryCode: '', aliases: '', opensanctionsId: '', ofacUid: '', madePublic: '' };
}

/** The fields of a stored actor the form shows (db/queries/entities.ts's EntityDetail has them). */
export interface EntityFormSource {
  kind: string;
  name: string;
  description: string | null;
  countryCode: string | null;
  aliases: readonly string[];
  opensanctionsId: string | null;
  ofacUid: string | null;
  madePublic?: boolean;
}

export function entityToFormValues(e: EntityFormSource): EntityFormValues {
  return {
    kind: e.kind,
    name: e.name,
    description: e.description ?? '',
    countryCode: e.countryCode ?? '',
    aliases: e.aliases.join('\n'),
    opensanctionsId: e.opensanctionsId ?? '',
    ofacUid: e.ofacUid ?? '',
    madePublic: e.madePublic ? 'yes' : '',
  };
}

export function entityFormToRaw(v: EntityFormValues) {
  return {
    kind: v.kind,
    name: v.name,
    description: v.description,
    countryCode: v.countryCode,
    aliases: v.aliases
      .split(/\r?\n/)
      .map((a) => a.trim())
      .filter((a) => a !== ''),
    opensanctionsId: v.opensanctionsId,
    ofacUid: v.ofacUid,
    madePublic: v.madePublic === 'yes',
  };
}

/** Alias errors come back as `aliases.3`; the form shows them on the one aliases box. */
export function entityErrorField(path: string): string {
  return path.startsWith('aliases.') ? 'aliases' : path;
}

export function readEntityForm(form: FormData): EntityFormValues {
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === 'string' ? v.slice(0, 20_000) : '';
  };
  return Object.fromEntries(ENTITY_FORM_FIELDS.map((k) => [k, get(k)])) as unknown as EntityFormValues;
}
