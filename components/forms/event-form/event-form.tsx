'use client';

/**
 * The event form, for creating and for editing. Every value lives in state as typed
 * (./use-event-form.ts); on submit the shared schema checks it here first (errors next to each
 * field and in a summary, nothing sent), then the server action checks it again and saves. A
 * refused save, for whatever reason, leaves every value in place. Each part of the form is a
 * section of its own in this folder.
 */
import Link from 'next/link';
import type { FormVocabulary } from '@/db/queries/suggest';
import { fieldId, type EventFormValues } from '@/lib/validation/event-form';
import { ConflictView } from '../conflict-view';
import { ErrorSummary } from '../error-summary';
import { eventFieldLabel } from '../event-field-labels';
import { Notice, buttonClass } from '../field';
import { ActorsSection } from './actors-section';
import { CountriesSection } from './countries-section';
import { LegalSection } from './legal-section';
import { LinksSection } from './links-section';
import { SourcesSection } from './sources-section';
import { StatusSection } from './status-section';
import { TagsSection } from './tags-section';
import { useEventForm } from './use-event-form';
import { WhatSection } from './what-section';
import { WhenSection } from './when-section';

export interface EventFormProps {
  /** Absent when creating. */
  eventId?: number;
  /** The version the edit starts from. */
  version?: number;
  initial: EventFormValues;
  vocabulary: FormVocabulary;
  cancelHref: string;
}

export function EventForm({ eventId, version: initialVersion, initial, vocabulary, cancelHref }: EventFormProps) {
  const form = useEventForm(initial, initialVersion);
  const { state, conflict, notice } = form;

  return (
    <form onSubmit={form.onSubmit} action={form.formAction} noValidate className="space-y-6" aria-label={eventId ? 'Edit event' : 'New event'}>
      {conflict ? <ConflictView conflict={conflict} onReapply={form.reapply} onLoadTheirs={form.loadTheirs} /> : null}
      {notice ? (
        <div id="event-form-notice" tabIndex={-1}>
          <Notice tone="info">{notice}</Notice>
        </div>
      ) : null}
      <ErrorSummary
        errors={state.status === 'refused' ? {} : form.errors}
        labels={eventFieldLabel}
        fieldId={(path) => fieldId(path)}
        message={form.summaryMessage}
        focusKey={form.focusKey}
      />
      {state.status === 'refused' && /Sign in/.test(state.message) ? (
        <Notice tone="info">
          Your session has ended. <Link href="/sign-in" target="_blank">Sign in again in a new tab</Link>, then come back here and
          press Save: everything you typed is still in this form.
        </Notice>
      ) : null}

      <input type="hidden" name="id" value={eventId ?? ''} />
      <input type="hidden" name="version" value={form.version ?? ''} />

      <WhatSection form={form} />
      <WhenSection form={form} />
      <StatusSection form={form} />
      <CountriesSection form={form} />
      <ActorsSection form={form} />
      <LegalSection form={form} legalAuthorities={vocabulary.legalAuthorities} programs={vocabulary.programs} />
      <TagsSection form={form} existing={vocabulary.tags} />
      <SourcesSection form={form} />
      <LinksSection form={form} eventId={eventId} />

      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-zinc-200 bg-white/95 py-4 dark:border-zinc-800 dark:bg-zinc-950/95">
        <button type="submit" className={buttonClass} disabled={form.pending} aria-disabled={form.pending}>
          {form.pending ? 'Saving…' : eventId ? 'Save changes' : 'Create event'}
        </button>
        <Link href={cancelHref} className="text-sm">
          Cancel
        </Link>
        {eventId ? (
          <span className="text-xs text-zinc-600 dark:text-zinc-400">
            Editing version {form.version}. If someone saves in the meantime, you will see both versions before anything is overwritten.
          </span>
        ) : null}
      </div>
    </form>
  );
}
