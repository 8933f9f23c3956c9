/**
 * The one gate for staff server actions, after saas-starter's `validatedActionWithUser` and dub's
 * `withWorkspace`: an action states the permission it needs, how its form is read and parsed, and
 * what a refusal looks like in its state; `guardedAction` does the rest, in this order, before
 * anything is read from or written to the database:
 *  1. counts the submission (React hands the previous state back; each answer must be new),
 *  2. refuses an argument that is not a form (a server action is a public endpoint: a client can
 *     send any serialisable value, and an exception would be a 500),
 *  3. reads what was typed, so that every refusal can hand it back,
 *  4. checks the session and the permission,
 *  5. refuses while the database file is known to be damaged (db/engine/integrity.ts), keeping
 *     what was typed,
 *  6. parses the input,
 * then runs the action, and turns a refused write (`MutationError`) into the action's refusal.
 */
import 'server-only';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { rememberWrite } from '@/server/http/write-mark';
import { z } from 'zod';
import { writeRefusal } from '@/db/engine/integrity';
import { MutationError, VersionConflictError } from '@/db/mutations/errors';
import { parseId } from '@/db/queries/events';
import { AuthorizationError, type Permission, type Viewer } from '@/lib/auth/roles';
import { asForm, nextCount, NOT_A_FORM } from '@/lib/http/action-args';
import type { FieldErrors } from '@/lib/validation/event-form';
import { actionCarriesSignedSession } from '@/server/auth/signed-session';
import { requirePermission } from '@/server/auth/viewer';
import { asWrite } from '@/server/http/write-first';

/**
 * The viewer when they hold the permission and may write; otherwise why not, in words for the form.
 * Every server action is a write, so this is also where writes stop while the file is damaged.
 */
export async function viewerWith(permission: Permission): Promise<{ viewer: Viewer } | { refusal: string; reason: 'not-allowed' | 'unavailable' }> {
  try {
    const viewer = await requirePermission(permission);
    const paused = writeRefusal();
    return paused ? { refusal: paused, reason: 'unavailable' } : { viewer };
  } catch (err) {
    if (err instanceof AuthorizationError) return { refusal: err.message, reason: 'not-allowed' };
    throw err;
  }
}

/** Why an action said no: the argument, the session, writes paused (a damaged file), the input, or the write itself. */
export type RefusalReason = 'not-a-form' | 'not-allowed' | 'unavailable' | 'invalid' | 'refused';

export interface Refusal<Values> {
  reason: RefusalReason;
  message: string;
  errors: FieldErrors;
  /** What was typed (read from an empty form when the argument was not a form). */
  values: Values;
  /** The state's counter for this answer. */
  count: number;
  /** The refused write, for `refused`. */
  error?: MutationError;
}

export type Parsed<Input> = { success: true; data: Input } | { success: false; message: string; errors?: FieldErrors };

export interface ActionSpec<State, Values, Input> {
  permission: Permission;
  /** The counter in the action's state. */
  counter: 'attempt' | 'submission';
  /** What was typed, handed back with any refusal. */
  read: (form: FormData) => Values;
  /** The action's input, or why it is not valid. Runs after the permission check. */
  parse: (values: Values, form: FormData) => Parsed<Input>;
  /** The state that says no. */
  refuse: (refusal: Refusal<Values>) => State;
}

export interface ActionContext<Values> {
  viewer: Viewer;
  values: Values;
  form: FormData;
  count: number;
}

export function guardedAction<State, Values, Input>(
  spec: ActionSpec<State, Values, Input>,
  run: (input: Input, context: ActionContext<Values>) => State | Promise<State>,
): (previous: State, submitted: FormData) => Promise<State> {
  // A staff write goes ahead of the readers waiting for the event loop from its session lookup on
  // (server/http/write-first.ts), when its session cookie is one this server signed; anything else
  // is checked outside the gate and never holds readers back.
  return async (previous, submitted) => ((await actionCarriesSignedSession()) ? asWrite(() => guarded(previous, submitted)) : guarded(previous, submitted));
  async function guarded(previous: State, submitted: FormData): Promise<State> {
    const count = nextCount(previous, spec.counter);
    const form = asForm(submitted);
    if (!form) return spec.refuse({ reason: 'not-a-form', message: NOT_A_FORM, errors: {}, values: spec.read(new FormData()), count });
    const values = spec.read(form);
    const auth = await viewerWith(spec.permission);
    if ('refusal' in auth) return spec.refuse({ reason: auth.reason, message: auth.refusal, errors: {}, values, count });
    const parsed = spec.parse(values, form);
    if (!parsed.success) return spec.refuse({ reason: 'invalid', message: parsed.message, errors: parsed.errors ?? {}, values, count });
    try {
      return await run(parsed.data, { viewer: auth.viewer, values, form, count });
    } catch (err) {
      if (err instanceof MutationError) return spec.refuse({ reason: 'refused', message: err.message, errors: err.fieldErrors, values, count, error: err });
      throw err;
    } finally {
      // Before the redirect that follows a write: the next page reads it on any server (PostgreSQL).
      await rememberWrite();
    }
  }
}

/** After a write: every page may show it, so the whole layout is rendered anew, then go to `target`. */
export function showAfterWrite(target: string): never {
  revalidatePath('/', 'layout');
  redirect(target);
}

/** A form field as text, whatever was sent in its place (a file, nothing): at most 1,000 characters. */
export const formText = z.unknown().transform((v) => (typeof v === 'string' ? v.slice(0, 1000) : ''));

/** A record's number in a form field (`parseId`'s rule). */
export const formId = z.string().transform((s, ctx) => parseId(s) ?? (ctx.addIssue({ code: 'custom', message: 'Not a record number.' }), z.NEVER));

/**
 * The fields a schema names, read from the form (the first value of each; a missing field reads as
 * empty, as a browser sends an empty input), parsed; a failure says `message`, or else the first
 * problem's own message.
 */
export function parseFormFields<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, form: FormData, message?: string): Parsed<z.output<z.ZodObject<Shape>>> {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, form.get(key) ?? '']));
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed : { success: false, message: message ?? parsed.error.issues[0]!.message };
}

/** The state of a one-button form (delete, restore, merge, undo a merge). */
export interface SmallActionState {
  error: string | null;
  attempt: number;
}

const OUT_OF_DATE = 'This form is out of date; reload the page.';

/**
 * A one-button form: its hidden fields parsed by `schema`, then `run` writes and names the page to
 * go to. Any problem with the fields means the page was out of date.
 */
export function buttonAction<Shape extends z.ZodRawShape>(
  permission: Permission,
  schema: z.ZodObject<Shape>,
  run: (input: z.output<z.ZodObject<Shape>>, viewer: Viewer) => string | Promise<string>,
): (previous: SmallActionState, submitted: FormData) => Promise<SmallActionState> {
  return guardedAction<SmallActionState, null, z.output<z.ZodObject<Shape>>>(
    {
      permission,
      counter: 'attempt',
      read: () => null,
      parse: (_values, form) => parseFormFields(schema, form, OUT_OF_DATE),
      refuse: ({ message, error, count }) => ({
        error: error instanceof VersionConflictError ? `${message} Reload the page to see what changed.` : message,
        attempt: count,
      }),
    },
    async (input, { viewer }) => showAfterWrite(await run(input, viewer)),
  );
}
