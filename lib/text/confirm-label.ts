/**
 * The label of the button that confirms an action: "Merge Maher al-Assad into Maher Al-Assad" →
 * "Yes, merge Maher al-Assad into Maher Al-Assad". Only the verb loses its capital; names and
 * acronyms in the label keep theirs (the whole label was once lower-cased: "yes, merge maher…").
 */
export function confirmLabel(label: string): string {
  const [first = '', second = ''] = [...label];
  // "CSV import…" keeps its acronym; an ordinary capitalised word starts lower.
  const keep = second !== '' && second === second.toUpperCase() && second !== second.toLowerCase();
  return `Yes, ${keep ? label : first.toLowerCase() + label.slice(first.length)}`;
}
