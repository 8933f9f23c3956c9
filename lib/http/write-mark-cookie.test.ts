import { describe, expect, it } from 'vitest';
import { parseWriteMarkCookie } from './write-mark-cookie';

describe('the write-mark cookie', () => {
  it('reads a WAL position and nothing else', () => {
    expect(parseWriteMarkCookie('16/B374D848')).toEqual({ lsn: '16/B374D848' });
    expect(parseWriteMarkCookie('0/42b82c8')).toEqual({ lsn: '0/42B82C8' });
    for (const bad of [undefined, '', '42', '0/', '/1', "0/1' OR 1=1", '123456789/1', '0/1/2']) expect(parseWriteMarkCookie(bad)).toBeUndefined();
  });
});
