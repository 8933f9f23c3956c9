/**
 * Server actions are public HTTP endpoints. A form sends a FormData and the state React kept, but a
 * client can send any serialisable value in either place. These read the arguments without
 * trusting their shape, so a hostile call gets the action's ordinary refusal, never an exception
 * (which Next.js would answer with a 500).
 */
export const NOT_A_FORM = 'Nothing was changed: this was not a form submission from the tracker. Reload the page and try again.';

/** The submitted form, or null when the argument is anything else. */
export function asForm(value: unknown): FormData | null {
  return value instanceof FormData ? value : null;
}

/** The previous state's counter (`attempt`, `submission`) plus one; 1 when it is missing or not a count. */
export function nextCount(previous: unknown, key: string): number {
  const n = typeof previous === 'object' && previous !== null ? (previous as Record<string, unknown>)[key] : undefined;
  return (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : 0) + 1;
}
