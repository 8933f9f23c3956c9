import type { Metadata } from 'next';
import Link from 'next/link';
import { Notice } from '@/components/forms/field';
import { Breadcrumb } from '@/components/layout/page-frame';
import { BoardControls } from '@/components/relations/board-controls';
import { newChangeValues } from '@/components/relations/form-values';
import { RelationsBoard } from '@/components/relations/relations-board';
import { StandingChangeForm } from '@/components/relations/standing-change-form';
import { FilterNotices } from '@/components/filters/filter-notices';
import { AsRecordedBanner } from '@/components/timeline/as-recorded';
import { getStore } from '@/db/index';
import { storeForParam } from '@/server/views/record';
import { canWrite } from '@/lib/auth/roles';
import { countryName } from '@/lib/countries';
import { boardHref, parseBoardParams } from '@/lib/relations/board-params';
import { canSeeDrafts, readerForPage } from '@/server/auth/viewer';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const p = parseBoardParams(await searchParams);
  return { title: `Relations with ${countryName(p.counterpart)}` };
}

/** The relations board: every subject's standing with one counterpart over time, and as of a date. */
export default async function RelationsPage({ searchParams }: { searchParams: SearchParams }) {
  const search = await searchParams;
  const params = parseBoardParams(search);
  const saved = search.saved === 'standing-created' ? 'Change recorded. The board below includes it.' : null;
  const viewer = await readerForPage(boardHref(params));
  const staff = canWrite(viewer);
  // `as_recorded`: the board from the record as it stood then (decision 0034).
  const record = await storeForParam(search.as_recorded);
  const past = record?.asRecorded ? record : null;
  const board = await (past ? past.store : getStore()).relations.board({
    counterpart: params.counterpart,
    asOf: params.asOf,
    from: params.from,
    to: params.to,
    includeDrafts: canSeeDrafts(viewer),
  });
  const name = countryName(params.counterpart);

  return (
    <div className="relations-print mx-auto max-w-6xl space-y-5 px-4 py-6">
      <Breadcrumb noPrint current="Relations" />
      <header>
        <h1 className="font-serif text-3xl font-semibold">Relations with {name}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Each state&apos;s or organisation&apos;s standing with {name}, recorded as dated changes with their evidence. Dates known only to the month or year are
          drawn as uncertain across that period, and nothing the sources do not say is guessed.
        </p>
      </header>
      {saved ? <Notice tone="success">{saved}</Notice> : null}
      {past ? <AsRecordedBanner filters={past.filters} todayHref={boardHref(params)} /> : null}
      {record && record.issues.length > 0 ? <FilterNotices issues={record.issues} /> : null}
      {params.notices.length > 0 ? (
        <Notice tone="info">
          <ul data-testid="board-notices">
            {params.notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <BoardControls params={params} asRecorded={past ? past.filters.asRecorded : null} />
      <RelationsBoard
        params={params}
        summary={board.summary}
        rows={board.rows}
        empty={
          <>
            <p className="font-medium">No standing with {name} is recorded yet.</p>
            <p className="mt-1">
              {staff ? (
                <>
                  Record the first from the event that shows it (the event&apos;s page has a &ldquo;Changes a standing&rdquo; section), or with the form{' '}
                  <a href="#record-change">below</a>.
                </>
              ) : (
                <>
                  Staff record standings from an event&apos;s page. <Link href={`/sign-in?next=${encodeURIComponent(boardHref(params))}`}>Sign in</Link> to record one, or
                  see <Link href="/relations">relations with Syria</Link>.
                </>
              )}
            </p>
          </>
        }
      />
      {staff ? (
        <section aria-labelledby="record-title" className="no-print space-y-3 border-t border-zinc-200 pt-5 dark:border-zinc-800" id="record-change">
          <h2 id="record-title" className="text-lg font-semibold">
            Record a change
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            A dated step in a standing with {name}, resting on at least one timeline event. It can also be recorded from the event&apos;s page.
          </p>
          <StandingChangeForm initial={newChangeValues({ counterpart: params.counterpart, returnTo: boardHref(params) })} idPrefix="board-change" submitLabel="Record the change" />
        </section>
      ) : null}
    </div>
  );
}
