/** Where to go after signing in: a path on this site only, never another site (`//evil.example`). */
export function safeNextPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001F\u007F]/.test(value)) return fallback;
  if (value.startsWith('/sign-in')) return fallback;
  return value;
}
