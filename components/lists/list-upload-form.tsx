'use client';

/**
 * The upload of one list version: which list, the file, and a publication date for files that
 * state none. "Check" is a dry run (nothing written); "Import" stores the version and its proposed
 * changes. The answer says what was found, or why the file was refused (naming the file and line).
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { Select, TextInput } from '@/components/forms/controls';
import { buttonClass, describedBy, FieldError, inputClass, secondaryButtonClass } from '@/components/forms/field';
import type { ListImportResult } from '@/db/lists/import';
import { LIST_SOURCES, type ListSource } from '@/lib/lists/types';
import { LIST_SOURCE_INFO } from '@/lib/lists/proposal-event';

type Phase = { step: 'idle' } | { step: 'sending'; dryRun: boolean } | { step: 'done'; result: ListImportResult } | { step: 'error'; message: string };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function Outcome({ result }: { result: ListImportResult }) {
  const changes = `${plural(result.designations, 'designation')}, ${plural(result.amendments, 'amendment')}, ${plural(result.removals, 'removal')}`;
  if (result.status === 'unchanged') {
    return (
      <p>
        This file was imported already (version #{result.versionId}, by {result.existing?.importedBy}). Nothing was written.{' '}
        <Link href={`/lists/versions/${result.versionId}`}>Open version #{result.versionId}</Link>
      </p>
    );
  }
  const what = result.status === 'dry-run' ? 'Checked, nothing written' : `Imported as version #${result.versionId}`;
  return (
    <div className="space-y-1">
      <p>
        <strong>{what}</strong>: {result.fileName}, {result.entryCount.toLocaleString('en')} entries,{' '}
        {result.publishedAt ? `published ${result.publishedAt}${result.publishedBy === 'staff' ? ' (the date you gave)' : ''}` : 'no publication date stated'}.
      </p>
      <p>
        {result.previous
          ? `Compared with version #${result.previous.id}: ${changes} ${result.status === 'dry-run' ? 'would be' : ''} proposed${result.skippedRejected ? `; ${result.skippedRejected} rejected before, not proposed again` : ''}.`
          : 'The first version of this list: stored as the baseline, nothing to compare it with, so nothing is proposed.'}
      </p>
      {result.status === 'imported' ? <Link href={`/lists/versions/${result.versionId}`}>Review version #{result.versionId}</Link> : null}
    </div>
  );
}

export function ListUploadForm({ maxMegabytes }: { maxMegabytes: number }) {
  const router = useRouter();
  const id = useId();
  const fileId = `${id}-file`;
  const [source, setSource] = useState<ListSource>('ofac-sdn');
  const [published, setPublished] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const outcome = useRef<HTMLDivElement>(null);

  async function send(dryRun: boolean) {
    if (!file) return setFileError('Choose the list file to import.');
    if (file.size > maxMegabytes * 1024 * 1024) return setFileError(`The file is larger than ${maxMegabytes} MB: import it with npm run lists:import.`);
    setFileError(null);
    setPhase({ step: 'sending', dryRun });
    const form = new FormData();
    form.set('source', source);
    form.set('file', file);
    if (published.trim()) form.set('published', published.trim());
    if (dryRun) form.set('dryRun', '1');
    try {
      const response = await fetch('/api/lists/import', { method: 'POST', body: form });
      const body = (await response.json().catch(() => null)) as { result?: ListImportResult; error?: string } | null;
      if (response.ok && body?.result) {
        setPhase({ step: 'done', result: body.result });
        if (body.result.status === 'imported') router.refresh();
      } else setPhase({ step: 'error', message: body?.error ?? `The server answered ${response.status}; nothing was imported.` });
    } catch {
      setPhase({ step: 'error', message: 'The file could not be sent; nothing was imported. Check your connection and try again.' });
    }
    requestAnimationFrame(() => outcome.current?.focus());
  }

  const busy = phase.step === 'sending';
  return (
    <form
      aria-labelledby={`${id}-heading`}
      className="no-print space-y-3 rounded border border-zinc-300 p-4 dark:border-zinc-700"
      onSubmit={(e) => {
        e.preventDefault();
        void send(false);
      }}
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Import a list version
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <Select id={`${id}-source`} label="List" value={source} onChange={(v) => setSource(v as ListSource)} required>
          {LIST_SOURCES.map((s) => (
            <option key={s} value={s}>
              {LIST_SOURCE_INFO[s].label}
            </option>
          ))}
        </Select>
        <TextInput
          id={`${id}-published`}
          label="Publication date (only if the file states none)"
          hint="YYYY-MM-DD. OFAC's CSV set and OpenSanctions files carry no date."
          value={published}
          onChange={setPublished}
          inputMode="numeric"
          placeholder="2026-11-10"
        />
      </div>
      <div>
        <label htmlFor={fileId} className="block text-sm font-medium">
          List file
        </label>
        <p id={`${fileId}-hint`} className="text-sm text-zinc-600 dark:text-zinc-400">
          OFAC sdn.xml or SDN_ADVANCED.XML, UN consolidated XML, EU FSF XML, UK Sanctions List XML, OpenSanctions entities.ftm.json; at most {maxMegabytes} MB. The OFAC CSV set and larger files: npm run lists:import.
        </p>
        <input
          id={fileId}
          type="file"
          accept=".xml,.json,.ndjson,application/xml,text/xml,application/json"
          className={`${inputClass} mt-1`}
          aria-describedby={describedBy(fileId, { hint: true, error: fileError })}
          aria-invalid={!!fileError}
          disabled={busy}
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            setFileError(null);
          }}
        />
        <FieldError id={fileId} error={fileError} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass} disabled={busy}>
          {busy && !phase.dryRun ? 'Importing…' : 'Import'}
        </button>
        <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => void send(true)}>
          {busy && phase.dryRun ? 'Checking…' : 'Check only (dry run)'}
        </button>
      </div>
      <div ref={outcome} tabIndex={-1} aria-live="polite" className="text-sm outline-none" data-testid="list-import-outcome">
        {phase.step === 'done' ? <Outcome result={phase.result} /> : null}
        {phase.step === 'error' ? (
          <p role="alert" className="font-medium text-red-800 dark:text-red-300">
            <span aria-hidden="true">⚠ </span>
            {phase.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
