/**
 * Every server action that writes, fed what a hostile client can send instead of the form: hostile
 * text in every field, files where text belongs, made-up field names, repeated rows, and arguments
 * that are not a form or a state at all (React's action protocol carries any serialisable value).
 * An action must answer with its ordinary state or a redirect, never throw (which Next.js turns
 * into a 500), and a refusal must leave the database byte-for-byte unchanged.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createWriteFixtures, EVENT_FIELDS, type WriteFixtures } from '@/db/testing/write-fixtures';
import { databaseChecksum, freshDatabase, runAction, signInAs } from '@/testing/harness';
import { anyJson, hostileId, hostileString } from '@/lib/testing/hostile-values';
import type { Role } from '@/lib/auth/roles';

vi.mock('@/db/index', async () => (await import('@/testing/harness')).dbModule());
vi.mock('@/server/auth/viewer', async () => (await import('@/testing/harness')).viewerModule());
vi.mock('@/lib/auth/password', async () => (await import('@/testing/harness')).passwordModule());
vi.mock('next/navigation', async () => (await import('@/testing/harness')).navigationModule());
vi.mock('next/cache', async () => (await import('@/testing/harness')).cacheModule());

const eventActions = await import('@/server/actions/events');
const entityActions = await import('@/server/actions/entities');
const userActions = await import('@/server/actions/users');
const standingActions = await import('@/server/actions/standings');
const savedViewActions = await import('@/server/actions/saved-views');

type Action = (previous: never, form: never) => Promise<unknown>;

interface ActionCase {
  name: string;
  action: Action;
  /** The fields its form sends, with a valid value for each (from the fixtures). */
  fields: (f: WriteFixtures) => Record<string, string>;
  role: Role;
  /** The state React would pass on a first submission. */
  initial: unknown;
}

const small = { error: null, attempt: 0 };
const row = { status: 'idle', message: null, attempt: 0 };

const CASES: ActionCase[] = [
  {
    name: 'saveEvent (create)',
    action: eventActions.saveEvent as Action,
    role: 'editor',
    initial: { status: 'idle' },
    fields: () => ({ ...EVENT_FIELDS, 'countries.0.code': 'SY', 'countries.0.role': 'target', tags: 'captagon', 'actors.0.entityId': '1', 'actors.0.role': 'target', 'links.0.toEventId': '1', 'links.0.kind': 'follows' }),
  },
  { name: 'saveEvent (edit)', action: eventActions.saveEvent as Action, role: 'editor', initial: { status: 'idle' }, fields: (f) => ({ ...EVENT_FIELDS, id: String(f.eventId), version: '2' }) },
  { name: 'deleteEventAction', action: eventActions.deleteEventAction as Action, role: 'editor', initial: small, fields: (f) => ({ id: String(f.eventId), version: '2' }) },
  { name: 'restoreDeletedEventAction', action: eventActions.restoreDeletedEventAction as Action, role: 'editor', initial: small, fields: (f) => ({ id: String(f.deletedId), version: '2' }) },
  {
    name: 'restoreVersionAction',
    action: eventActions.restoreVersionAction as Action,
    role: 'editor',
    initial: small,
    fields: (f) => ({ id: String(f.eventId), version: '2', revisionId: String(f.firstRevisionId) }),
  },
  {
    name: 'saveEntity',
    action: entityActions.saveEntity as Action,
    role: 'editor',
    initial: { status: 'idle' },
    fields: (f) => ({ id: String(f.survivorId), version: '1', kind: 'person', name: 'Khalid Qaddour', description: '', countryCode: 'SY', aliases: 'Abu Ali', ofacUid: '36270', opensanctionsId: '' }),
  },
  {
    name: 'mergeEntitiesAction',
    action: entityActions.mergeEntitiesAction as Action,
    role: 'editor',
    initial: small,
    fields: (f) => ({ survivorId: String(f.survivorId), survivorVersion: '1', mergedId: String(f.mergedId), mergedVersion: '1' }),
  },
  {
    name: 'saveStandingChange (create)',
    action: standingActions.saveStandingChange as Action,
    role: 'editor',
    initial: { status: 'idle' },
    fields: (f) => ({ subject: 'AE', counterpart: 'SY', date: '2018', status: 'in_effect', level: 'unknown', embassy: 'open', ambassadorRecalled: '', evidence: String(f.eventId), note: '', returnTo: '/relations' }),
  },
  { name: 'undoMergeAction', action: entityActions.undoMergeAction as Action, role: 'editor', initial: small, fields: (f) => ({ mergeId: String(f.mergeId) }) },
  {
    name: 'createUserAction',
    action: userActions.createUserAction as Action,
    role: 'admin',
    initial: { ...row, errors: {}, values: { email: '', name: '', role: '' } },
    fields: () => ({ email: 'new@example.org', name: 'New Person', role: 'editor', password: 'a long enough password' }),
  },
  { name: 'setRoleAction', action: userActions.setRoleAction as Action, role: 'admin', initial: row, fields: (f) => ({ userId: f.otherUserId, role: 'editor' }) },
  { name: 'setPasswordAction', action: userActions.setPasswordAction as Action, role: 'admin', initial: row, fields: (f) => ({ userId: f.otherUserId, password: 'another long password' }) },
  { name: 'deleteUserAction', action: userActions.deleteUserAction as Action, role: 'admin', initial: row, fields: (f) => ({ userId: f.otherUserId }) },
  {
    name: 'saveViewAction',
    action: savedViewActions.saveViewAction as Action,
    role: 'viewer',
    initial: { ...row, errors: {}, values: { name: '' }, savedId: null },
    fields: () => ({ name: 'Caesar designations', query: 'type=designation&country=SY' }),
  },
  {
    name: 'createDestinationAction',
    action: savedViewActions.createDestinationAction as Action,
    role: 'admin',
    initial: { ...row, errors: {}, values: { url: '', label: '' }, secret: null },
    fields: () => ({ url: 'https://hooks.example.org/tracker', label: 'Analysts' }),
  },
];

type Value = string | { file: string };
/** A form value: hostile text, an id-like string, or a file where text belongs. */
const formValue: fc.Arbitrary<Value> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileId },
  { weight: 1, arbitrary: hostileString.map((s) => ({ file: s })) },
);

/** The valid form with some fields replaced, repeated or added under made-up names. */
function hostileForm(fieldNames: string[]): fc.Arbitrary<[string, Value][]> {
  const name = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...fieldNames) },
    { weight: 1, arbitrary: fc.constantFrom('sources.999.url', 'countries.0.code', 'actors.1.entityId', 'links.0.toEventId', 'tags', '$ACTION_ID_x', '__proto__', 'id') },
    { weight: 1, arbitrary: hostileString.filter((s) => s.length < 40) },
  );
  return fc.array(fc.tuple(name, formValue), { minLength: 1, maxLength: 6 });
}

function buildForm(valid: Record<string, string>, changes: [string, Value][]): FormData {
  const fd = new FormData();
  const replaced = new Set(changes.map(([k]) => k));
  for (const [k, v] of Object.entries(valid)) if (!replaced.has(k)) fd.append(k, v);
  for (const [k, v] of changes) {
    if (typeof v === 'string') fd.append(k, v);
    else fd.append(k, new File([v.file], 'upload.bin', { type: 'application/octet-stream' }));
  }
  return fd;
}

/** Did the action do the work (a redirect, or a success state)? */
function succeeded(result: unknown): boolean {
  const r = result as Record<string, unknown>;
  return typeof r.redirect === 'string' || r.ok === true || r.status === 'done';
}

/** The message of a refusal, wherever the action's state keeps it. */
function refusalMessage(result: unknown): string {
  const r = result as Record<string, unknown>;
  // A conflict is shown as the side-by-side view of both versions rather than as a sentence.
  if (r.status === 'conflict' && typeof r.conflict === 'object' && r.conflict !== null) return 'conflict';
  return [r.message, r.error].find((m): m is string => typeof m === 'string' && m.length > 0) ?? '';
}

let fixtures: WriteFixtures;
beforeAll(async () => {
  fixtures = await createWriteFixtures(freshDatabase());
});

const RUNS = 80;

describe('server actions under hostile forms', () => {
  for (const c of CASES) {
    it(`${c.name}: its ordinary answer, never an exception; a refusal changes nothing`, async () => {
      const valid = c.fields(fixtures);
      let refusals = 0;
      await fc.assert(
        fc.asyncProperty(hostileForm(Object.keys(valid)), fc.constantFrom<Role | null>(c.role, c.role, c.role, 'admin', 'viewer', null), async (changes, role) => {
          signInAs(role);
          const before = databaseChecksum();
          const result = await runAction(() => c.action(c.initial as never, buildForm(valid, changes) as never));
          expect(result).toBeTypeOf('object');
          if (succeeded(result)) return;
          refusals++;
          expect(refusalMessage(result), JSON.stringify(result).slice(0, 300)).not.toBe('');
          expect(databaseChecksum()).toBe(before);
        }),
        { numRuns: RUNS },
      );
      expect(refusals).toBeGreaterThan(0);
    });
  }
});

describe('server actions called with arguments that are not a form and a state', () => {
  const notAForm = fc.oneof(anyJson, fc.constantFrom(undefined, new Blob(['x']), new URLSearchParams('title=x'), new Map(), { get: () => 'x' }));
  for (const c of CASES) {
    it(`${c.name}: refuses without throwing and without writing`, async () => {
      signInAs('admin');
      const before = databaseChecksum();
      await fc.assert(
        fc.asyncProperty(anyJson, notAForm, async (previous, form) => {
          const result = await runAction(() => c.action(previous as never, form as never));
          expect(succeeded(result)).toBe(false);
          expect(refusalMessage(result)).toMatch(/not a form submission/);
        }),
        { numRuns: 30 },
      );
      // A hostile previous state with a real form is only a counter to it.
      const result = await runAction(() => c.action({ attempt: 'x', submission: -1, status: 'conflict' } as never, new FormData() as never));
      expect(result).toBeTypeOf('object');
      expect(databaseChecksum()).toBe(before);
    });
  }

  it('createActorInline: any argument is answered, never thrown on', async () => {
    signInAs('editor');
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyJson, fc.record({ kind: hostileString, name: hostileString, countryCode: hostileString })), async (arg) => {
        const before = databaseChecksum();
        const result = await eventActions.createActorInline(arg as never);
        if (!result.ok) {
          expect(result.message).not.toBe('');
          expect(databaseChecksum()).toBe(before);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
