/** The suggestions' answers stay bounded however long someone types in one page. */
import { describe, expect, it } from 'vitest';
import { keptAnswers, MAX_ANSWERS, rememberAnswer } from './use-suggestions';

describe('rememberAnswer', () => {
  it('keeps at most MAX_ANSWERS answers, and none older than 30 seconds', () => {
    const start = 1_000_000;
    for (let i = 0; i < 3 * MAX_ANSWERS; i++) rememberAnswer(`/api/entities?q=${i}`, [i], start + i);
    expect(keptAnswers()).toBe(MAX_ANSWERS);
    rememberAnswer('/api/entities?q=later', [], start + 3 * MAX_ANSWERS + 30_000);
    expect(keptAnswers()).toBe(1);
  });
});
