import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

describe('the return path after sign-in', () => {
  it.each([
    ['/events/new', '/events/new'],
    ['/events/3/edit?x=1', '/events/3/edit?x=1'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/sign-in?next=/x', '/'],
    ['/a\nb', '/'],
    [undefined, '/'],
  ])('%j → %j', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});
