'use client';

/**
 * "Copy citation": puts the event's citation (lib/citation.ts) on the clipboard and says so in a
 * live region. Where the browser refuses (no Clipboard API, an insecure page, a denied permission)
 * the citation appears in a text box, selected, to copy by hand; it can also be shown on purpose.
 */
import { useId, useRef, useState } from 'react';
import { secondaryButtonClass } from '@/components/forms/field';

type Status = { kind: 'idle' } | { kind: 'copied' } | { kind: 'shown'; reason: string | null };

export function CopyCitation({ citation }: { citation: string }) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const box = useRef<HTMLTextAreaElement>(null);
  const boxId = useId();

  const show = (reason: string | null) => {
    setStatus({ kind: 'shown', reason });
    // After the box renders: select it so Ctrl+C (or Cmd+C) copies it at once.
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.select();
    });
  };

  const copy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(citation);
      setStatus({ kind: 'copied' });
    } catch {
      show('Your browser did not let the page copy. The citation is selected below: press Ctrl+C (Cmd+C on a Mac) to copy it.');
    }
  };

  return (
    <div className="no-print space-y-2" data-testid="copy-citation">
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={secondaryButtonClass} onClick={() => void copy()}>
          Copy citation
        </button>
        {status.kind !== 'shown' ? (
          <button type="button" className="text-sm text-blue-700 underline underline-offset-2 dark:text-blue-300" onClick={() => show(null)}>
            Show citation
          </button>
        ) : null}
        <p role="status" aria-live="polite" className="text-sm text-zinc-700 dark:text-zinc-300">
          {status.kind === 'copied' ? 'Citation copied to the clipboard.' : status.kind === 'shown' && status.reason ? status.reason : ''}
        </p>
      </div>
      <noscript>
        <p className="text-sm font-medium">Citation</p>
        <pre className="whitespace-pre-wrap rounded border border-zinc-300 p-2 text-xs dark:border-zinc-700">{citation}</pre>
      </noscript>
      {status.kind === 'shown' ? (
        <div className="space-y-1">
          <label htmlFor={boxId} className="block text-sm font-medium">
            Citation
          </label>
          <textarea
            id={boxId}
            ref={box}
            readOnly
            value={citation}
            rows={Math.min(10, citation.split('\n').length + 1)}
            className="w-full rounded border border-zinc-300 bg-white p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
      ) : null}
    </div>
  );
}
