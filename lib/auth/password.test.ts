import { describe, expect, it } from 'vitest';
import { OWASP_SCRYPT, hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('uses scrypt at the OWASP cost by default, with a fresh salt each time', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(OWASP_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(a, 'correct horse batterY')).toBe(false);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const hash = await hashPassword('Erdo\u011Fan r\u00E9sum\u00E9 2023', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword(hash, 'Erdog\u0306an re\u0301sume\u0301 2023')).toBe(true);
  });

  it.each([
    ['not a hash', 'plain'],
    ['another algorithm', 'bcrypt$2b$10$abc'],
    ['a cost far too high for the server', `scrypt$${2 ** 30}$8$1$c2FsdHNhbHRzYWx0c2FsdA$${'A'.repeat(86)}`],
    ['a cost that is not a power of two', `scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA$${'A'.repeat(86)}`],
    ['a truncated key', 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0c2FsdA$AAAA'],
  ])('refuses %s without throwing', async (_label, stored) => {
    expect(await verifyPassword(stored, 'anything')).toBe(false);
  });
});
