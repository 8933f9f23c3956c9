'use server';

/**
 * Staff writes to events from the browser. Each action checks the session and role first
 * (requirePermission), parses with the shared schema, and hands back what was typed with the
 * errors, so a refused save never loses input. Next.js checks the Origin of every server action.
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { MutationError, VersionConflictError } from '@/db/mutations/errors';
import { createEntity } from '@/db/mutations/entities';
import { createEvent, deleteEvent, restoreDeletedEvent, restoreEventRevision, updateEvent } from '@/db/mutations/events';
import { parseId } from '@/db/queries/events';
import { eventTitles, getEventSnapshotAtVersion, getLatestRevision } from '@/db/queries/revisions';
import { entityNames } from '@/db/queries/suggest';
import { eventSnapshot } from '@/db/mutations/revisions';
import { AuthorizationError, changeActor, type Viewer } from '@/lib/auth/roles';
import { requirePermission } from '@/server/auth/viewer';
import { asForm, nextCount, NOT_A_FORM } from '@/lib/http/action-args';
import { compareForConflict, contentFromInput, contentFromSnapshot, contentToFormValues, type ConflictField } from '@/lib/event-content';
import { entityInputSchema } from '@/lib/validation/entity';
import { expectedVersionSchema } from '@/lib/validation/event';
import { formDataToValues, issuesToFieldErrors, validateEventForm, type EventFormValues, type FieldErrors } from '@/lib/validation/event-form';

export interface ConflictInfo {
  currentVersion: number;
  changedBy: string | null;
  changedAt: string | null;
  deleted: boolean;
  fields: ConflictField[];
  /** Their version with your changed fields on top. */
  reapplied: EventFormValues;
  /** Their version as it is. */
  theirs: EventFormValues;
}

export type EventFormState =
  | { status: 'idle' }
  | { status: 'invalid'; values: EventFormValues; errors: FieldErrors; message: string; submission: number }
  | { status: 'refused'; values: EventFormValues; message: string; submission: number }
  | { status: 'conflict'; values: EventFormValues; conflict: ConflictInfo; submission: number };

async function staff(): Promise<{ viewer: Viewer } | { refusal: string }> {
  try {
    return { viewer: await requirePermission('records:write') };
  } catch (err) {
    if (err instanceof AuthorizationError) return { refusal: err.message };
    throw err;
  }
}

function buildConflict(id: number, startedFrom: number, error: VersionConflictError, mine: EventFormValues): ConflictInfo {
  const db = getDb();
  const parsed = validateEventForm(mine);
  const theirsSnapshot = eventSnapshot(db, id);
  const base = getEventSnapshotAtVersion(db, id, startedFrom);
  const theirs = contentFromSnapshot(theirsSnapshot);
  const baseContent = base ? contentFromSnapshot(base) : null;
  const latest = getLatestRevision(db, 'event', id);
  const names = parsed.success ? entityNames(db, parsed.input.actors.map((a) => a.entityId)) : new Map<number, string>();
  const titles = eventTitles(db, [...theirs.links, ...(baseContent?.links ?? []), ...(parsed.success ? parsed.input.links : [])].map((l) => l.toEventId));
  const ctx = { eventTitle: titles };
  const mineContent = parsed.success ? contentFromInput(parsed.input, (entityId) => names.get(entityId) ?? `Actor #${entityId}`) : theirs;
  const { fields, reapplied } = compareForConflict(baseContent, theirs, mineContent, mine, ctx);
  return {
    currentVersion: error.currentVersion,
    changedBy: latest?.actor ?? null,
    changedAt: latest?.createdAt ?? null,
    deleted: error.deleted,
    fields,
    reapplied,
    theirs: contentToFormValues(theirs, ctx),
  };
}

/** Creates an event (no id) or saves an edit (id + the version the edit started from). */
export async function saveEvent(previous: EventFormState, submitted: FormData): Promise<EventFormState> {
  const submission = nextCount(previous, 'submission');
  const form = asForm(submitted);
  if (!form) return { status: 'refused', values: formDataToValues(new FormData()), message: NOT_A_FORM, submission };
  const values = formDataToValues(form);
  const auth = await staff();
  if ('refusal' in auth) return { status: 'refused', values, message: `Nothing was saved. ${auth.refusal}`, submission };

  const rawId = form.get('id');
  const id = typeof rawId === 'string' && rawId !== '' ? parseId(rawId) : null;
  if (typeof rawId === 'string' && rawId !== '' && id === null) {
    return { status: 'refused', values, message: 'Nothing was saved: this form points at an event that does not exist.', submission };
  }
  const parsed = validateEventForm(values);
  if (!parsed.success) {
    const n = Object.keys(parsed.errors).length;
    return { status: 'invalid', values, errors: parsed.errors, message: `Nothing was saved. ${n === 1 ? 'One field needs' : `${n} fields need`} attention:`, submission };
  }

  const db = getDb();
  const actor = changeActor(auth.viewer);
  let target: string;
  try {
    if (id === null) {
      const created = createEvent(db, parsed.input, actor);
      target = `/events/${created.id}?saved=created`;
    } else {
      const version = expectedVersionSchema.safeParse(form.get('version'));
      if (!version.success) return { status: 'refused', values, message: version.error.issues[0]!.message, submission };
      try {
        const result = updateEvent(db, id, parsed.input, version.data, actor);
        target = `/events/${id}?saved=${result.changed ? 'updated' : 'unchanged'}`;
      } catch (err) {
        if (err instanceof VersionConflictError) {
          return { status: 'conflict', values, conflict: buildConflict(id, version.data, err, values), submission };
        }
        throw err;
      }
    }
  } catch (err) {
    if (err instanceof MutationError) {
      return { status: 'invalid', values, errors: err.fieldErrors, message: `Nothing was saved. ${err.message}`, submission };
    }
    throw err;
  }
  revalidatePath('/', 'layout');
  redirect(target);
}

export type InlineActorResult =
  | { ok: true; entity: { id: number; name: string } }
  | { ok: false; message: string; errors: FieldErrors };

/** Creates an actor from inside the event form, so a new name does not mean leaving the form. */
export async function createActorInline(raw: { kind: string; name: string; countryCode: string }): Promise<InlineActorResult> {
  const auth = await staff();
  if ('refusal' in auth) return { ok: false, message: auth.refusal, errors: {} };
  // Called from the browser: the argument is whatever was sent, not necessarily this shape.
  const { kind, name, countryCode } = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<typeof raw>;
  const parsed = entityInputSchema.safeParse({ kind, name, countryCode, aliases: [] });
  if (!parsed.success) return { ok: false, message: 'The actor was not created.', errors: issuesToFieldErrors(parsed.error.issues) };
  try {
    const { id } = createEntity(getDb(), parsed.data, changeActor(auth.viewer));
    return { ok: true, entity: { id, name: parsed.data.name } };
  } catch (err) {
    // Another actor reads the same (issue 10): pick that one from the suggestions; a namesake who
    // is someone else is created on the actor form, which can confirm it.
    if (err instanceof MutationError) return { ok: false, message: `The actor was not created. ${err.message}`, errors: err.fieldErrors };
    throw err;
  }
}

export interface SmallActionState {
  error: string | null;
  attempt: number;
}

function versionAndId(form: FormData) {
  return { id: parseId(String(form.get('id') ?? '')), version: expectedVersionSchema.safeParse(form.get('version')) };
}

function refusalMessage(err: unknown): string | null {
  if (err instanceof VersionConflictError) return `${err.message} Reload the page to see the current version.`;
  if (err instanceof MutationError) return err.message;
  return null;
}

async function smallAction(previous: SmallActionState, submitted: FormData, run: (form: FormData, viewer: Viewer) => string): Promise<SmallActionState> {
  const attempt = nextCount(previous, 'attempt');
  const form = asForm(submitted);
  if (!form) return { error: NOT_A_FORM, attempt };
  const auth = await staff();
  if ('refusal' in auth) return { error: auth.refusal, attempt };
  let target: string;
  try {
    target = run(form, auth.viewer);
  } catch (err) {
    const message = refusalMessage(err);
    if (message) return { error: message, attempt };
    throw err;
  }
  revalidatePath('/', 'layout');
  redirect(target);
}

export async function deleteEventAction(previous: SmallActionState, submitted: FormData): Promise<SmallActionState> {
  return smallAction(previous, submitted, (form, viewer) => {
    const { id, version } = versionAndId(form);
    if (id === null || !version.success) throw new MutationError('This form is out of date; reload the page.');
    deleteEvent(getDb(), id, version.data, changeActor(viewer));
    return `/events/deleted?deleted=${id}`;
  });
}

export async function restoreDeletedEventAction(previous: SmallActionState, submitted: FormData): Promise<SmallActionState> {
  return smallAction(previous, submitted, (form, viewer) => {
    const { id, version } = versionAndId(form);
    if (id === null || !version.success) throw new MutationError('This form is out of date; reload the page.');
    restoreDeletedEvent(getDb(), id, version.data, changeActor(viewer));
    return `/events/${id}?saved=restored`;
  });
}

export async function restoreVersionAction(previous: SmallActionState, submitted: FormData): Promise<SmallActionState> {
  return smallAction(previous, submitted, (form, viewer) => {
    const { id, version } = versionAndId(form);
    const revisionId = parseId(String(form.get('revisionId') ?? ''));
    if (id === null || revisionId === null || !version.success) throw new MutationError('This form is out of date; reload the page.');
    const result = restoreEventRevision(getDb(), id, revisionId, version.data, changeActor(viewer));
    return `/events/${id}?saved=${result.changed ? 'reverted' : 'unchanged'}#section-history`;
  });
}
