import { describe, expect, it } from 'vitest';
import { foldForMatch } from '@/lib/slug';
import { aliasesFor, companyName, personName, stripDiacritics, urlSlug } from './names';
import { Rng } from './random';

describe('synthetic names', () => {
  it('are made of generated syllables and vary with the seed', () => {
    const a = Array.from({ length: 200 }, ((rng) => () => personName(rng))(new Rng('a')));
    const b = Array.from({ length: 200 }, ((rng) => () => personName(rng))(new Rng('b')));
    expect(new Set(a).size).toBeGreaterThan(195);
    expect(a.filter((name, i) => name === b[i])).toEqual([]);
    for (const name of a) expect(name).toMatch(/^[\p{Lu}][\p{L}]+( [\p{Lu}][\p{L}]+)? ((al|el)-|bin |ibn |von |de )?[\p{Lu}][\p{L}]+$/u);
  });

  it('give aliases that are spelling variants, distinct from the name and each other ignoring case', () => {
    const rng = new Rng('aliases');
    for (let i = 0; i < 500; i++) {
      const name = i % 2 ? personName(rng) : companyName(rng);
      const aliases = aliasesFor(rng, name, i % 2 ? 'person' : 'company', 3);
      expect(aliases.length).toBeLessThanOrEqual(3);
      const lower = [name, ...aliases].map((s) => s.toLowerCase());
      expect(new Set(lower).size).toBe(lower.length);
      for (const alias of aliases) expect(alias).toBe(alias.trim());
    }
  });

  it('fold as the app folds them: stripping diacritics matches foldForMatch', () => {
    expect(stripDiacritics('Oğuzhan Çelikşé')).toBe('Oguzhan Celikse');
    expect(foldForMatch('Oğuzhan Çelikşé')).toBe(stripDiacritics('Oğuzhan Çelikşé').toLowerCase());
  });

  it('make URL path segments of ASCII words', () => {
    expect(urlSlug("Şâtou Trading's sanctions: Ğeno-Vé 12 and more words here", 6)).toBe('satou-tradings-sanctions-geno-ve-12');
    expect(urlSlug('  ', 3)).toBe('');
  });
});
