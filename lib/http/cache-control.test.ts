import { describe, expect, it } from 'vitest';
import { wantsFresh } from './cache-control';

describe('wantsFresh', () => {
  it.each([
    ['no-cache', true],
    ['No-Store', true],
    ['max-age=0, no-cache', true],
    ['max-age=0', false],
    ['', false],
    [null, false],
    ['no-cachex', false],
  ])('%j → %s', (value, expected) => {
    expect(wantsFresh(value)).toBe(expected);
  });
});
