/**
 * Private feed tokens (decision 0035): 32 random bytes in base64url (43 characters), stored only as
 * their SHA-256, with the first 6 characters kept so the owner can tell tokens apart.
 */
import { createHash, randomBytes } from 'node:crypto';

export const FEED_TOKEN_PREFIX_LENGTH = 6;

export function newFeedToken(): { token: string; hash: string; prefix: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashFeedToken(token), prefix: token.slice(0, FEED_TOKEN_PREFIX_LENGTH) };
}

export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A string that could be a token; anything else is not looked up at all. */
export function looksLikeFeedToken(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
