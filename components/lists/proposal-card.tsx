/** One proposed change of a list version: what changed, its dates, the listed party's actor, and the decision. */
import Link from 'next/link';
import { SmallActionForm } from '@/components/forms/small-action-form';
import type { ProposalView } from '@/db/lists/queries';
import { basisText } from '@/db/lists/matching';
import { proposalEntry } from '@/db/lists/review';
import { formatEventDate, formatTimestamp } from '@/lib/dates';
import type { FieldChange, ListEntry } from '@/lib/lists';
import { changeDate, datingText } from '@/lib/lists/proposal-event';
import { ENTITY_KIND_LABELS } from '@/lib/vocabulary';
import { undoMatchAction } from '@/server/actions/lists';
import { MatchStep } from './match-step';
import { ProposalDecision } from './proposal-decision';

const KIND_LABELS = { designation: 'Designation', amendment: 'Amendment', removal: 'Removal' } as const;
const FIELD_LABELS: Record<string, string> = { kind: 'Kind', name: 'Name', aliases: 'Aliases', programs: 'Programs', authorities: 'Authorities', identifiers: 'Identifiers' };

function Changes({ fields }: { fields: FieldChange[] }) {
  return (
    <ul className="list-disc pl-5 text-sm">
      {fields.map((f) => (
        <li key={f.field}>
          {FIELD_LABELS[f.field] ?? f.field}:{' '}
          {f.added || f.removed ? (
            <>
              {f.added?.length ? <ins className="no-underline">added {f.added.join('; ')}</ins> : null}
              {f.added?.length && f.removed?.length ? '; ' : null}
              {f.removed?.length ? <del>removed {f.removed.join('; ')}</del> : null}
            </>
          ) : (
            <>
              “{String(f.before)}” → “{String(f.after)}”
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function EntryFacts({ entry }: { entry: ListEntry }) {
  return (
    <dl className="grid gap-x-4 text-sm sm:grid-cols-[auto_1fr]">
      {entry.programs.length ? (
        <>
          <dt className="font-medium">Programs</dt>
          <dd>{entry.programs.join('; ')}</dd>
        </>
      ) : null}
      {entry.authorities.length ? (
        <>
          <dt className="font-medium">Authorities</dt>
          <dd>{entry.authorities.join('; ')}</dd>
        </>
      ) : null}
      {entry.aliases.length ? (
        <>
          <dt className="font-medium">Aliases</dt>
          <dd>{entry.aliases.map((a) => a.name).join('; ')}</dd>
        </>
      ) : null}
      {entry.identifiers.length ? (
        <>
          <dt className="font-medium">Identifiers</dt>
          <dd>{entry.identifiers.map((i) => `${i.label ?? i.scheme} ${i.value}`).join('; ')}</dd>
        </>
      ) : null}
    </dl>
  );
}

function PartyLine({ match, open, versionId }: { match: NonNullable<ProposalView['match']>; open: boolean; versionId: number }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span>
        Listed party: <Link href={`/entities/${match.entityId}`}>{match.entityName}</Link>{' '}
        <span className="text-zinc-600 dark:text-zinc-400">
          ({match.method === 'created' ? 'created from this entry' : match.method === 'picked' ? 'picked by hand' : `by ${match.method}${match.basis ? `: ${match.basis}` : ''}`}, confirmed by {match.confirmedBy})
        </span>
      </span>
      {open ? <SmallActionForm action={undoMatchAction} fields={{ matchId: match.id, back: `version-${versionId}` }} label="Undo the match" pendingLabel="Undoing…" /> : null}
    </div>
  );
}

export function ProposalCard({ proposal, versionId }: { proposal: ProposalView; versionId: number }) {
  const entry = proposalEntry(proposal);
  const date = changeDate(proposal);
  const open = proposal.status === 'proposed';
  return (
    <article id={`proposal-${proposal.id}`} aria-labelledby={`proposal-${proposal.id}-title`} className="space-y-3 rounded border border-zinc-300 p-4 dark:border-zinc-700" data-testid="list-proposal">
      <header>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {KIND_LABELS[proposal.kind]} · entry {proposal.entryKey} · {entry.kind}
        </p>
        <h3 id={`proposal-${proposal.id}-title`} className="text-lg font-semibold">
          {KIND_LABELS[proposal.kind]}: {entry.name}
        </h3>
      </header>
      <p className="text-sm">
        {date ? (
          <>
            Event date: <strong>{formatEventDate(date.date, date.precision)}</strong> ({date.basis === 'list' ? "the list's own date" : 'the period between the two versions'}).{' '}
          </>
        ) : (
          <>
            <strong>Not dated by the list.</strong>{' '}
          </>
        )}
        {datingText(proposal)}
        {proposal.listedBeforePrevious ? ' Its listing date is older than the previous version: re-listed, or missing from that version.' : ''}
      </p>
      {proposal.kind === 'amendment' ? <Changes fields={proposal.fields as FieldChange[]} /> : null}
      <EntryFacts entry={entry} />
      {proposal.match ? (
        <PartyLine match={proposal.match} open={open} versionId={versionId} />
      ) : open ? (
        <MatchStep
          proposalId={proposal.id}
          partyName={entry.name}
          suggestions={proposal.suggestions.map((s) => ({
            entityId: Number(s.candidateId),
            name: s.name,
            kindLabel: ENTITY_KIND_LABELS[s.kind],
            why: s.certain ? `same identifier (${basisText(s)})` : `name score ${s.score.toFixed(2)}: ${basisText(s)}`,
          }))}
        />
      ) : null}
      {open ? (
        <ProposalDecision proposalId={proposal.id} needsDate={!date} matched={!!proposal.match} name={entry.name} />
      ) : (
        <p className="text-sm" data-testid="proposal-status">
          {proposal.status === 'accepted' ? 'Accepted' : 'Rejected'} by {proposal.decidedBy}
          {proposal.decidedAt ? `, ${formatTimestamp(proposal.decidedAt)}` : ''}.
          {proposal.eventId ? (
            <>
              {' '}
              <Link href={`/events/${proposal.eventId}`}>Open the event</Link>
            </>
          ) : null}
        </p>
      )}
    </article>
  );
}
