import { describe, expect, it } from 'vitest';
import { wordDiff } from './event-content';

describe('word differences in the history', () => {
  it('reads a multi-word change as one removal and one addition', () => {
    expect(wordDiff('Treasury designated two men on Tuesday', 'Treasury designated two cousins of Assad on Tuesday')).toEqual([
      { op: 'same', text: 'Treasury designated two ' },
      { op: 'removed', text: 'men' },
      { op: 'added', text: 'cousins of Assad' },
      { op: 'same', text: ' on Tuesday' },
    ]);
  });

  it('shows before and after whole when little is left in common', () => {
    expect(wordDiff('Treasury designates network', 'My new title')).toBeNull();
  });

  it('keeps markup as plain text segments', () => {
    expect(wordDiff('Title with <b>bold</b> words here', 'Title with <script>x</script> words here')).toEqual([
      { op: 'same', text: 'Title with ' },
      { op: 'removed', text: '<b>bold</b>' },
      { op: 'added', text: '<script>x</script>' },
      { op: 'same', text: ' words here' },
    ]);
  });
});
