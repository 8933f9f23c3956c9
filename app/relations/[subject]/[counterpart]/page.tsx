import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { Field, Notice, buttonClass, inputClass } from '@/components/forms/field';
import { Breadcrumb } from '@/components/layout/page-frame';
import { BandLegend } from '@/components/relations/band-legend';
import { ChangeList } from '@/components/relations/change-list';
import { ChangeStaffControls } from '@/components/relations/change-staff-controls';
import { newChangeValues } from '@/components/relations/form-values';
import { RelationsChart } from '@/components/relations/relations-chart';
import { RowStanding } from '@/components/relations/row-standing';
import { StandingChangeForm } from '@/components/relations/standing-change-form';
import { getStore } from '@/db/index';
import type { StandingChangeHistoryEntry } from '@/db/queries/relations';
import { canSeeDrafts, canWrite } from '@/lib/auth/roles';
import { countryName, isCountryCode } from '@/lib/countries';
import { formatEventDate, isIsoDay, todayIso } from '@/lib/dates';
import { DEFAULT_FROM_YEAR } from '@/lib/relations/board-params';
import { dyadPath } from '@/lib/relations/form';
import { ORGANISATION_NAMES, subjectName } from '@/lib/relations/regions';
import { subjectKind } from '@/lib/relations/scale';
import { readerForPage } from '@/server/auth/viewer';

type Params = Promise<{ subject: string; counterpart: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Country codes in capitals, organisation keys in lower case; null when neither. */
function canonical(raw: { subject: string; counterpart: string }): { subject: string; counterpart: string } | null {
  const s = decodeURIComponent(raw.subject);
  const subject = isCountryCode(s.toUpperCase()) ? s.toUpperCase() : s.toLowerCase();
  const counterpart = decodeURIComponent(raw.counterpart).toUpperCase();
  if (subjectKind(subject) === null || !isCountryCode(counterpart) || subject === counterpart) return null;
  return { subject, counterpart };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const dyad = canonical(await params);
  return { title: dyad ? `${subjectName(dyad.subject)} and ${countryName(dyad.counterpart)}` : 'Not found' };
}

const SAVED: Record<string, string> = {
  'standing-created': 'Change recorded.',
  'standing-updated': 'Change saved.',
  'standing-unchanged': 'Nothing had changed, so nothing was saved.',
  'standing-restored': 'Change restored.',
  'standing-reverted': 'Earlier version restored. The history records it.',
};

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** One dyad: its band, its changes with their evidence, and for staff the means to correct them. */
export default async function DyadPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const raw = await params;
  const dyad = canonical(raw);
  if (!dyad) notFound();
  const path = dyadPath(dyad.subject, dyad.counterpart);
  if (raw.subject !== dyad.subject || raw.counterpart !== dyad.counterpart) permanentRedirect(path);
  const search = await searchParams;
  const viewer = await readerForPage(path);
  const staff = canWrite(viewer);
  const includeDrafts = canSeeDrafts(viewer);
  const store = getStore();

  const rawAsOf = one(search.as_of);
  const asOf = rawAsOf && isIsoDay(rawAsOf) ? rawAsOf : todayIso();
  const badAsOf = rawAsOf && !isIsoDay(rawAsOf) ? rawAsOf.slice(0, 40) : null;
  const saved = SAVED[one(search.saved) ?? ''];
  const deleted = one(search.deleted);

  // One read from 1900: the band starts at the first recorded change (2010 at the latest); what
  // lies before it is unknown, drawn from the left edge, and the events before it are left out.
  const toYear = Math.max(Number(todayIso().slice(0, 4)), Number(asOf.slice(0, 4)));
  const dyadData = await store.relations.dyad({ ...dyad, asOf, from: '1900-01-01', to: `${toYear}-12-31`, includeDrafts });
  const records = [...dyadData.changes, ...(staff ? dyadData.deleted : [])];
  // An organisation key the tracker does not know, with nothing recorded: a mistyped address.
  if (records.length === 0 && subjectKind(dyad.subject) === 'organisation' && !Object.hasOwn(ORGANISATION_NAMES, dyad.subject)) notFound();
  const fromYear = Math.min(DEFAULT_FROM_YEAR, ...dyadData.changes.map((c) => Number(c.date.slice(0, 4))));
  const from = `${fromYear}-01-01`;
  const row = dyadData.row ? { ...dyadData.row, events: dyadData.row.events.filter((e) => e.date >= from) } : undefined;
  const title = await store.events.titles(
    records.flatMap((c) => c.evidenceEventIds),
  );
  // Staff edit each change from its history; read them all before drawing.
  const histories = new Map<number, StandingChangeHistoryEntry[]>(
    staff ? await Promise.all(records.map(async (c) => [c.id, (await store.relations.withHistory(c.id))?.history ?? []] as const)) : [],
  );
  const subject = subjectName(dyad.subject);
  const counterpart = countryName(dyad.counterpart);

  return (
    <div className="relations-print mx-auto max-w-5xl space-y-6 px-4 py-6">
      <Breadcrumb noPrint trail={[{ href: `/relations?with=${dyad.counterpart}`, label: `Relations with ${counterpart}` }]} current={subject} />
      {saved ? <Notice tone="success">{saved}</Notice> : null}
      {deleted ? <Notice tone="success">Change #{deleted.slice(0, 12)} deleted. It can be restored below.</Notice> : null}
      {badAsOf ? <Notice tone="info">&ldquo;{badAsOf}&rdquo; is not a date (use YYYY-MM-DD); showing the standing as of today.</Notice> : null}
      <header>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{subjectKind(dyad.subject) === 'organisation' ? 'Organisation and member state' : 'Bilateral standing'}</p>
        <h1 className="font-serif text-3xl font-semibold">
          {subject}&apos;s standing with {counterpart}
        </h1>
      </header>

      <section aria-labelledby="as-of-title" className="space-y-3">
        <h2 id="as-of-title" className="text-lg font-semibold">
          As of {formatEventDate(asOf, 'day')}
        </h2>
        {row ? <RowStanding standing={row.standing} kind={row.subjectKind} /> : <p className="text-sm">No change is recorded, so nothing is known.</p>}
        <form method="get" action={path} className="no-print flex flex-wrap items-end gap-3">
          <Field id="dyad-as-of" label="As of" hint="YYYY-MM-DD">
            <input id="dyad-as-of" name="as_of" type="date" defaultValue={asOf} aria-describedby="dyad-as-of-hint" className={inputClass} />
          </Field>
          <button type="submit" className={buttonClass}>
            Show
          </button>
        </form>
      </section>

      {row ? (
        <section aria-labelledby="band-title" className="space-y-3">
          <h2 id="band-title" className="text-lg font-semibold">
            Over time, {fromYear} to {toYear}
          </h2>
          <RelationsChart rows={[row]} counterpartName={counterpart} asOf={asOf} from={`${fromYear}-01-01`} to={`${toYear}-12-31`} zoom="years" />
          <details className="text-sm">
            <summary className="cursor-pointer">Key to the band</summary>
            <div className="mt-2">
              <BandLegend />
            </div>
          </details>
        </section>
      ) : null}

      <section aria-labelledby="changes-title" className="space-y-3">
        <h2 id="changes-title" className="text-lg font-semibold">
          Recorded changes
        </h2>
        <ChangeList
          changes={records}
          title={title}
          empty={`No change in ${subject}'s standing with ${counterpart} is recorded.`}
          staff={
            staff
              ? (c) => <ChangeStaffControls change={c} history={histories.get(c.id) ?? []} returnTo={path} eventTitle={title} />
              : undefined
          }
        />
      </section>

      {staff ? (
        <section aria-labelledby="record-title" className="no-print space-y-3" id="record-change">
          <h2 id="record-title" className="text-lg font-semibold">
            Record a change
          </h2>
          <StandingChangeForm initial={newChangeValues({ subject: dyad.subject, counterpart: dyad.counterpart, returnTo: path })} idPrefix="new-change" submitLabel="Record the change" />
        </section>
      ) : null}
    </div>
  );
}
