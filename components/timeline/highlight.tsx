import { Fragment } from 'react';
import { highlightParts, type SearchGroups } from '@/lib/search-syntax';

/** Text with the words the search matched in <mark>, found with the index's own folding rules. */
export function Highlight({ text, groups }: { text: string; groups?: SearchGroups | null }) {
  if (!groups || groups.length === 0) return <>{text}</>;
  return (
    <>
      {highlightParts(text, groups).map((part, i) =>
        part.match ? <mark key={i}>{part.text}</mark> : <Fragment key={i}>{part.text}</Fragment>,
      )}
    </>
  );
}
