'use client';

/**
 * The event form, for creating and for editing. Every value lives in state as typed; on submit
 * the shared schema checks it here first (errors next to each field and in a summary, nothing
 * sent), then the server action checks it again and saves. A refused save, for whatever reason,
 * leaves every value in place.
 */
import Link from 'next/link';
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { saveEvent, type EventFormState } from '@/server/actions/events';
import type { EventSuggestion } from '@/db/queries/suggest';
import { COUNTRIES_BY_NAME, COUNTRY_ROLES, COUNTRY_ROLE_LABELS } from '@/lib/countries';
import { DATE_PRECISIONS, DATE_PRECISION_LABELS, formatEventDateShort } from '@/lib/dates';
import { EVENT_TYPES, type EventTypeKey } from '@/lib/event-types';
import {
  emptySource,
  fieldId,
  validateEventForm,
  type EventFormValues,
  type FieldErrors,
} from '@/lib/validation/event-form';
import { ENTITY_ROLES, ENTITY_ROLE_LABELS, LINK_KINDS, LINK_KIND_LABELS, type EntityRole } from '@/lib/vocabulary';
import { ActorPicker } from './actor-picker';
import { AsyncCombobox } from './combobox';
import { ConflictView } from './conflict-view';
import { ErrorSummary } from './error-summary';
import { eventFieldLabel } from './event-field-labels';
import { Field, FieldError, Notice, buttonClass, describedBy, inputClass, secondaryButtonClass } from './field';

export interface EventFormProps {
  /** Absent when creating. */
  eventId?: number;
  /** The version the edit starts from. */
  version?: number;
  initial: EventFormValues;
  vocabulary: { legalAuthorities: string[]; programs: string[]; tags: string[] };
  cancelHref: string;
}

const INITIAL_STATE: EventFormState = { status: 'idle' };

/** A sensible first role for an actor added to an event of this type; people change it freely. */
const DEFAULT_ROLE: Partial<Record<EventTypeKey, EntityRole>> = {
  designation: 'target',
  removal: 'target',
  authority: 'issuer',
  statement: 'speaker',
  legislative: 'issuer',
  normalisation: 'participant',
  isolation: 'participant',
  advocacy: 'signatory',
};

function focusLater(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

function Section({ title, id, children, description }: { title: string; id: string; children: ReactNode; description?: ReactNode }) {
  return (
    <fieldset id={id} tabIndex={-1} className="space-y-4 border-t border-zinc-200 pt-5 dark:border-zinc-800">
      <legend className="float-left mb-2 w-full text-base font-semibold">{title}</legend>
      {description ? <p className="clear-left text-sm text-zinc-600 dark:text-zinc-400">{description}</p> : null}
      <div className="clear-left space-y-4">{children}</div>
    </fieldset>
  );
}

export function EventForm({ eventId, version: initialVersion, initial, vocabulary, cancelHref }: EventFormProps) {
  const [state, formAction, pending] = useActionState(saveEvent, INITIAL_STATE);
  // After a refusal without JavaScript the page comes back with the submitted values.
  const [values, setValues] = useState<EventFormValues>(() => (state.status === 'idle' ? initial : state.values));
  const [version, setVersion] = useState(initialVersion);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [clientAttempts, setClientAttempts] = useState(0);
  const [handledConflict, setHandledConflict] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [tagDraft, setTagDraft] = useState('');
  const submitted = useRef(false);
  const dirty = useRef(false);


  // Leaving with unsaved input asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty.current && !submitted.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const serverErrors = state.status === 'invalid' ? state.errors : {};
  const errors: FieldErrors = clientErrors ?? serverErrors;
  const err = (path: string) => errors[path] ?? null;
  // Every refusal, in the browser or from the server, moves focus to the summary again.
  const focusKey = clientAttempts + (state.status === 'idle' ? 0 : state.submission);
  const conflict = state.status === 'conflict' && handledConflict !== state.submission ? state.conflict : null;

  function update(patch: Partial<EventFormValues>) {
    dirty.current = true;
    setValues((v) => ({ ...v, ...patch }));
  }

  function updateRow<K extends 'countries' | 'actors' | 'sources' | 'links'>(list: K, index: number, patch: Partial<EventFormValues[K][number]>) {
    dirty.current = true;
    setValues((v) => ({ ...v, [list]: v[list].map((row, i) => (i === index ? { ...row, ...patch } : row)) }));
  }

  function removeRow(list: 'countries' | 'actors' | 'sources' | 'links' | 'tags', index: number, focusAfter: string) {
    dirty.current = true;
    setValues((v) => ({ ...v, [list]: (v[list] as unknown[]).filter((_, i) => i !== index) }));
    focusLater(focusAfter);
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    const result = validateEventForm(values);
    if (!result.success) {
      setClientErrors(result.errors);
      setClientAttempts((k) => k + 1);
      return;
    }
    setClientErrors(null);
    setNotice(null);
    submitted.current = true;
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  }

  useEffect(() => {
    // A refused save: leaving the page would lose the input again.
    if (state.status !== 'idle') submitted.current = false;
  }, [state]);

  function reapply() {
    if (state.status !== 'conflict') return;
    setValues(state.conflict.reapplied);
    setVersion(state.conflict.currentVersion);
    setHandledConflict(state.submission);
    setNotice(`Your changes are now on top of version ${state.conflict.currentVersion}. Check them, then save.`);
    focusLater('event-form-notice');
  }

  function loadTheirs() {
    if (state.status !== 'conflict') return;
    setValues(state.conflict.theirs);
    setVersion(state.conflict.currentVersion);
    setHandledConflict(state.submission);
    setNotice(`The form now shows version ${state.conflict.currentVersion}; your changes were discarded.`);
    focusLater('event-form-notice');
  }

  const typeKey = values.type as EventTypeKey;
  const summaryMessage =
    state.status === 'refused'
      ? state.message
      : clientErrors
        ? `Nothing was saved. ${Object.keys(clientErrors).length === 1 ? 'One field needs' : `${Object.keys(clientErrors).length} fields need`} attention:`
        : state.status === 'invalid'
          ? state.message
          : null;

  const precisionSelect = (name: 'datePrecision' | 'effectiveDatePrecision' | 'endDatePrecision', label: string) => (
    <Field id={fieldId(name)} label={label} error={err(name)}>
      <select
        id={fieldId(name)}
        name={name}
        value={values[name]}
        onChange={(e) => update({ [name]: e.target.value })}
        aria-invalid={!!err(name)}
        aria-describedby={describedBy(fieldId(name), { error: err(name) })}
        className={inputClass}
      >
        <option value="">As written</option>
        {DATE_PRECISIONS.map((p) => (
          <option key={p} value={p}>
            {DATE_PRECISION_LABELS[p]}
          </option>
        ))}
      </select>
    </Field>
  );

  const text = (
    name: 'title' | 'legalAuthority' | 'program' | 'date' | 'effectiveDate' | 'endDate',
    label: string,
    options: { hint?: ReactNode; required?: boolean; list?: string; placeholder?: string; className?: string } = {},
  ) => {
    const id = fieldId(name);
    return (
      <Field id={id} label={label} hint={options.hint} error={err(name)} required={options.required} className={options.className}>
        <input
          id={id}
          name={name}
          value={values[name]}
          onChange={(e) => update({ [name]: e.target.value })}
          list={options.list}
          placeholder={options.placeholder}
          autoComplete="off"
          aria-invalid={!!err(name)}
          aria-required={options.required}
          aria-describedby={describedBy(id, { hint: options.hint, error: err(name) })}
          className={inputClass}
        />
      </Field>
    );
  };

  const area = (name: 'summary' | 'details', label: string, rows: number, options: { hint?: ReactNode; required?: boolean } = {}) => {
    const id = fieldId(name);
    return (
      <Field id={id} label={label} hint={options.hint} error={err(name)} required={options.required}>
        <textarea
          id={id}
          name={name}
          rows={rows}
          value={values[name]}
          onChange={(e) => update({ [name]: e.target.value })}
          aria-invalid={!!err(name)}
          aria-required={options.required}
          aria-describedby={describedBy(id, { hint: options.hint, error: err(name) })}
          className={inputClass}
        />
      </Field>
    );
  };

  function addTag() {
    const label = tagDraft.trim();
    if (!label) return;
    if (!values.tags.some((t) => t.toLowerCase() === label.toLowerCase())) update({ tags: [...values.tags, label] });
    setTagDraft('');
  }

  return (
    <form onSubmit={onSubmit} action={formAction} noValidate className="space-y-6" aria-label={eventId ? 'Edit event' : 'New event'}>
      {conflict ? <ConflictView conflict={conflict} onReapply={reapply} onLoadTheirs={loadTheirs} /> : null}
      {notice ? (
        <div id="event-form-notice" tabIndex={-1}>
          <Notice tone="info">{notice}</Notice>
        </div>
      ) : null}
      <ErrorSummary
        errors={state.status === 'refused' ? {} : errors}
        labels={eventFieldLabel}
        fieldId={(path) => fieldId(path)}
        message={summaryMessage}
        focusKey={focusKey}
      />
      {state.status === 'refused' && /Sign in/.test(state.message) ? (
        <Notice tone="info">
          Your session has ended. <Link href="/sign-in" target="_blank">Sign in again in a new tab</Link>, then come back here and
          press Save: everything you typed is still in this form.
        </Notice>
      ) : null}

      <input type="hidden" name="id" value={eventId ?? ''} />
      <input type="hidden" name="version" value={version ?? ''} />

      <Section title="What happened" id="event-section-what">
        <Field id={fieldId('type')} label="Type" error={err('type')} required>
          <select
            id={fieldId('type')}
            name="type"
            value={values.type}
            onChange={(e) => update({ type: e.target.value })}
            aria-invalid={!!err('type')}
            aria-required
            aria-describedby={describedBy(fieldId('type'), { error: err('type') })}
            className={inputClass}
          >
            <option value="">Choose a type…</option>
            {EVENT_TYPES.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}: {t.description}
              </option>
            ))}
          </select>
        </Field>
        {text('title', 'Title', { required: true, hint: 'What happened, in one line (3 to 300 characters).' })}
        {area('summary', 'Summary', 3, { required: true, hint: 'Two or three sentences an analyst can quote.' })}
        {area('details', 'Details', 6, { hint: 'Optional: background, figures, what it changes.' })}
      </Section>

      <Section
        title="When"
        id="event-section-when"
        description="Write a date as YYYY, YYYY-MM or YYYY-MM-DD: it is recorded only as precisely as it is known."
      >
        <div className="grid items-end gap-4 sm:grid-cols-[2fr_1fr]">
          {text('date', 'Date', { required: true, placeholder: 'e.g. 2023-03-28, 2023-03 or 2023' })}
          {precisionSelect('datePrecision', 'Date precision')}
          {text('effectiveDate', 'In effect from', { hint: 'Optional: when the measure takes effect, if that differs.' })}
          {precisionSelect('effectiveDatePrecision', 'In effect from: precision')}
          {text('endDate', 'Until', { hint: 'Optional: when it ended or expires.' })}
          {precisionSelect('endDatePrecision', 'Until: precision')}
        </div>
      </Section>

      <Section title="Status" id="event-section-status">
        <fieldset aria-describedby="event-status-hint">
          <legend className="sr-only">Status</legend>
          <p id="event-status-hint" className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
            Drafts are seen by staff only; published events appear on the public timeline, in the API and in exports.
          </p>
          <div className="flex gap-6">
            {(['draft', 'published'] as const).map((s) => (
              <label key={s} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="status"
                  value={s}
                  id={s === 'draft' ? fieldId('status') : undefined}
                  checked={values.status === s}
                  onChange={() => update({ status: s })}
                />
                {s === 'draft' ? 'Draft' : 'Published'}
              </label>
            ))}
          </div>
          <FieldError id={fieldId('status')} error={err('status')} />
        </fieldset>
      </Section>

      <Section title="Countries" id={fieldId('countries')} description="Who acted, who was targeted, where it happened.">
        <FieldError id={fieldId('countries')} error={err('countries')} />
        {values.countries.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">No countries yet.</p> : null}
        <ul className="space-y-3">
          {values.countries.map((c, i) => (
            <li key={i} className="grid items-end gap-3 sm:grid-cols-[2fr_1fr_auto]">
              <Field id={fieldId(`countries.${i}.code`)} label={`Country ${i + 1}`} error={err(`countries.${i}.code`)}>
                <select
                  id={fieldId(`countries.${i}.code`)}
                  name={`countries.${i}.code`}
                  value={c.code}
                  onChange={(e) => updateRow('countries', i, { code: e.target.value })}
                  aria-invalid={!!err(`countries.${i}.code`)}
                  aria-describedby={describedBy(fieldId(`countries.${i}.code`), { error: err(`countries.${i}.code`) })}
                  className={inputClass}
                >
                  <option value="">Choose a country…</option>
                  {COUNTRIES_BY_NAME.map((x) => (
                    <option key={x.code} value={x.code}>
                      {x.name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id={fieldId(`countries.${i}.role`)} label={`Country ${i + 1}: role`} error={err(`countries.${i}.role`)}>
                <select
                  id={fieldId(`countries.${i}.role`)}
                  name={`countries.${i}.role`}
                  value={c.role}
                  onChange={(e) => updateRow('countries', i, { role: e.target.value })}
                  aria-invalid={!!err(`countries.${i}.role`)}
                  aria-describedby={describedBy(fieldId(`countries.${i}.role`), { error: err(`countries.${i}.role`) })}
                  className={inputClass}
                >
                  {COUNTRY_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {COUNTRY_ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </Field>
              <button type="button" className={secondaryButtonClass} onClick={() => removeRow('countries', i, 'add-country')}>
                Remove<span className="sr-only"> country {i + 1}</span>
              </button>
            </li>
          ))}
        </ul>
        <button
          id="add-country"
          type="button"
          className={secondaryButtonClass}
          onClick={() => {
            update({ countries: [...values.countries, { code: '', role: 'target' }] });
            focusLater(fieldId(`countries.${values.countries.length}.code`));
          }}
        >
          Add a country
        </button>
      </Section>

      <Section title="Actors" id={fieldId('actors')} description="People, governments and bodies involved, each with their role.">
        <FieldError id={fieldId('actors')} error={err('actors')} />
        {values.actors.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-400">No actors yet.</p> : null}
        <ul className="space-y-3" aria-label="Chosen actors">
          {values.actors.map((a, i) => (
            <li key={`${a.entityId}-${i}`} className="grid items-end gap-3 sm:grid-cols-[2fr_1fr_auto]" data-testid="actor-row">
              <div>
                <p className="mb-1 text-sm font-medium">Actor {i + 1}</p>
                <p id={fieldId(`actors.${i}.entityId`)} tabIndex={-1} className="py-1.5 text-sm">
                  {a.name || <span className="text-zinc-600">(not chosen)</span>}
                </p>
                <input type="hidden" name={`actors.${i}.entityId`} value={a.entityId} />
                <input type="hidden" name={`actors.${i}.name`} value={a.name} />
                <FieldError id={fieldId(`actors.${i}.entityId`)} error={err(`actors.${i}.entityId`)} />
              </div>
              <Field id={fieldId(`actors.${i}.role`)} label={`Role of ${a.name || `actor ${i + 1}`}`} error={err(`actors.${i}.role`)}>
                <select
                  id={fieldId(`actors.${i}.role`)}
                  name={`actors.${i}.role`}
                  value={a.role}
                  onChange={(e) => updateRow('actors', i, { role: e.target.value })}
                  aria-invalid={!!err(`actors.${i}.role`)}
                  aria-describedby={describedBy(fieldId(`actors.${i}.role`), { error: err(`actors.${i}.role`) })}
                  className={inputClass}
                >
                  <option value="">Choose a role…</option>
                  {ENTITY_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ENTITY_ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </Field>
              <button type="button" className={secondaryButtonClass} onClick={() => removeRow('actors', i, 'actor-search')}>
                Remove<span className="sr-only"> {a.name}</span>
              </button>
            </li>
          ))}
        </ul>
        <ActorPicker
          onPick={(actor) => {
            if (values.actors.some((x) => x.entityId === String(actor.id))) {
              setNotice(`${actor.name} is already in the list; give them another role there if needed.`);
              return;
            }
            update({ actors: [...values.actors, { entityId: String(actor.id), name: actor.name, role: DEFAULT_ROLE[typeKey] ?? '' }] });
          }}
        />
      </Section>

      <Section title="Legal basis" id="event-section-legal">
        <div className="grid items-end gap-4 sm:grid-cols-[2fr_1fr]">
          {text('legalAuthority', 'Legal authority', { list: 'legal-authorities', hint: 'e.g. Caesar Syria Civilian Protection Act of 2019. Suggestions are values already used.' })}
          {text('program', 'Program', { list: 'programs', hint: 'Sanctions program code, e.g. SYRIA-CAESAR.' })}
        </div>
        <datalist id="legal-authorities">
          {vocabulary.legalAuthorities.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
        <datalist id="programs">
          {vocabulary.programs.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      </Section>

      <Section title="Tags" id={fieldId('tags')}>
        <FieldError id={fieldId('tags')} error={err('tags')} />
        {values.tags.length > 0 ? (
          <ul className="flex flex-wrap gap-2" aria-label="Tags on this event">
            {values.tags.map((t, i) => (
              <li key={`${t}-${i}`} id={fieldId(`tags.${i}`)} tabIndex={-1} className="inline-flex items-center gap-1 rounded-full bg-zinc-100 py-0.5 pr-1 pl-2.5 text-sm dark:bg-zinc-800">
                {t}
                <input type="hidden" name="tags" value={t} />
                <button
                  type="button"
                  onClick={() => removeRow('tags', i, 'tag-input')}
                  className="rounded-full px-1.5 text-zinc-700 hover:bg-zinc-300 dark:text-zinc-300 dark:hover:bg-zinc-700"
                >
                  <span aria-hidden="true">×</span>
                  <span className="sr-only">Remove tag {t}</span>
                </button>
                {err(`tags.${i}`) ? <span className="text-xs text-red-800 dark:text-red-300">{err(`tags.${i}`)}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
        <div className="flex items-end gap-2">
          <Field id="tag-input" label="Add a tag" hint="Choose an existing tag or type a new one, then press Enter." className="grow">
            <input
              id="tag-input"
              list="existing-tags"
              value={tagDraft}
              onChange={(e) => setTagDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  addTag();
                }
              }}
              aria-describedby="tag-input-hint"
              autoComplete="off"
              className={inputClass}
            />
          </Field>
          <button type="button" className={secondaryButtonClass} onClick={addTag}>
            Add tag
          </button>
        </div>
        <datalist id="existing-tags">
          {vocabulary.tags.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      </Section>

      <Section title="Sources" id={fieldId('sources')} description="Where this is documented: one or more sources, with the passage that supports the event.">
        <FieldError id={fieldId('sources')} error={err('sources')} />
        {values.sources.map((s, i) => {
          const f = (name: 'url' | 'title' | 'publisher' | 'publishedDate', label: string, opts: { hint?: string; type?: string; required?: boolean; placeholder?: string } = {}) => {
            const path = `sources.${i}.${name}`;
            const id = fieldId(path);
            return (
              <Field id={id} label={label} hint={opts.hint} error={err(path)} required={opts.required}>
                <input
                  id={id}
                  name={path}
                  type={opts.type ?? 'text'}
                  inputMode={opts.type === 'url' ? 'url' : undefined}
                  placeholder={opts.placeholder}
                  value={s[name]}
                  onChange={(e) => updateRow('sources', i, { [name]: e.target.value })}
                  aria-invalid={!!err(path)}
                  aria-required={opts.required}
                  aria-describedby={describedBy(id, { hint: opts.hint, error: err(path) })}
                  className={inputClass}
                />
              </Field>
            );
          };
          const excerptId = fieldId(`sources.${i}.excerpt`);
          return (
            <fieldset key={i} className="space-y-3 rounded border border-zinc-300 p-3 dark:border-zinc-700" data-testid="source-fieldset">
              <legend className="px-1 text-sm font-semibold">Source {i + 1}</legend>
              {f('title', `Source ${i + 1}: title`, { required: true })}
              {f('url', `Source ${i + 1}: web address`, { type: 'url', hint: 'http:// or https:// only.', placeholder: 'https://' })}
              <div className="grid items-end gap-3 sm:grid-cols-2">
                {f('publisher', `Source ${i + 1}: publisher`)}
                {f('publishedDate', `Source ${i + 1}: publication date`, { hint: 'YYYY-MM-DD' })}
              </div>
              <Field id={excerptId} label={`Source ${i + 1}: excerpt`} hint="The passage that supports the event." error={err(`sources.${i}.excerpt`)}>
                <textarea
                  id={excerptId}
                  name={`sources.${i}.excerpt`}
                  rows={2}
                  value={s.excerpt}
                  onChange={(e) => updateRow('sources', i, { excerpt: e.target.value })}
                  aria-invalid={!!err(`sources.${i}.excerpt`)}
                  aria-describedby={describedBy(excerptId, { hint: true, error: err(`sources.${i}.excerpt`) })}
                  className={inputClass}
                />
              </Field>
              <button type="button" className={secondaryButtonClass} onClick={() => removeRow('sources', i, 'add-source')}>
                Remove source {i + 1}
              </button>
            </fieldset>
          );
        })}
        <button
          id="add-source"
          type="button"
          className={secondaryButtonClass}
          onClick={() => {
            update({ sources: [...values.sources, emptySource()] });
            focusLater(fieldId(`sources.${values.sources.length}.title`));
          }}
        >
          Add another source
        </button>
      </Section>

      <Section title="Linked events" id={fieldId('links')} description="Events this one responds to, implements, amends or follows up.">
        <FieldError id={fieldId('links')} error={err('links')} />
        <ul className="space-y-3" aria-label="Linked events">
          {values.links.map((l, i) => (
            <li key={`${l.toEventId}-${i}`} className="grid items-end gap-3 sm:grid-cols-[1fr_2fr_auto]">
              <Field id={fieldId(`links.${i}.kind`)} label={`Link ${i + 1}: this event…`} error={err(`links.${i}.kind`)}>
                <select
                  id={fieldId(`links.${i}.kind`)}
                  name={`links.${i}.kind`}
                  value={l.kind}
                  onChange={(e) => updateRow('links', i, { kind: e.target.value })}
                  aria-invalid={!!err(`links.${i}.kind`)}
                  aria-describedby={describedBy(fieldId(`links.${i}.kind`), { error: err(`links.${i}.kind`) })}
                  className={inputClass}
                >
                  {LINK_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {LINK_KIND_LABELS[k].forward}
                    </option>
                  ))}
                </select>
              </Field>
              <div>
                <p className="mb-1 text-sm font-medium">Linked event {i + 1}</p>
                <p id={fieldId(`links.${i}.toEventId`)} tabIndex={-1} className="py-1.5 text-sm">
                  {l.title || `Event #${l.toEventId}`}
                </p>
                <input type="hidden" name={`links.${i}.toEventId`} value={l.toEventId} />
                <input type="hidden" name={`links.${i}.title`} value={l.title} />
                <FieldError id={fieldId(`links.${i}.toEventId`)} error={err(`links.${i}.toEventId`)} />
              </div>
              <button type="button" className={secondaryButtonClass} onClick={() => removeRow('links', i, 'link-search')}>
                Remove<span className="sr-only"> link to {l.title}</span>
              </button>
            </li>
          ))}
        </ul>
        <AsyncCombobox<EventSuggestion>
          id="link-search"
          label="Link to another event"
          hint="Type words from its title, or its number."
          url={(q) => `/api/suggest/events?q=${encodeURIComponent(q)}${eventId ? `&exclude=${eventId}` : ''}`}
          toOption={(e) => ({
            key: String(e.id),
            text: e.title,
            label: (
              <span>
                {e.title}
                <span className="text-zinc-600 dark:text-zinc-400">
                  {' '}
                  · {formatEventDateShort(e.date, e.datePrecision)}
                  {e.status === 'draft' ? ' · draft' : ''}
                </span>
              </span>
            ),
          })}
          onPick={(e) => {
            if (values.links.some((l) => l.toEventId === String(e.id))) return;
            update({ links: [...values.links, { toEventId: String(e.id), title: e.title, kind: 'related' }] });
          }}
        />
      </Section>

      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-zinc-200 bg-white/95 py-4 dark:border-zinc-800 dark:bg-zinc-950/95">
        <button type="submit" className={buttonClass} disabled={pending} aria-disabled={pending}>
          {pending ? 'Saving…' : eventId ? 'Save changes' : 'Create event'}
        </button>
        <Link href={cancelHref} className="text-sm">
          Cancel
        </Link>
        {eventId ? (
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            Editing version {version}. If someone saves in the meantime, you will see both versions before anything is overwritten.
          </span>
        ) : null}
      </div>
    </form>
  );
}
