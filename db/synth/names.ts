/**
 * Names built from syllables, so that no synthetic person, company or place is a real one, yet
 * they look and search like the transliterated names in real sanctions data: diacritics that the
 * search index folds ("ğ", "é", "ş"), spelling variants as aliases ("Qarev" / "Karev"), shared
 * prefixes across names.
 */
import type { Rng } from './random';

const ONSETS = [
  'b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'r', 's', 't', 'v', 'z', 'y',
  'sh', 'kh', 'q', 'dr', 'tr', 'zh', 'br', 'ch', 'gr', 'th', 'j',
] as const;
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'a', 'i', 'ai', 'ou'] as const;
const MEDIALS = ['r', 'l', 'n', 'v', 'z', 'rr', 'nd', 'st'] as const;
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'k', 'm', 'v', 'sh', 'x', 'rd', 'sk'] as const;
// Letters that the search index folds (remove_diacritics): rare enough that most names are plain
// ASCII, as in transliterated sanctions lists, common enough that folding is exercised. No
// dotless "ı": the tokenizer does not fold it to "i", so it would only match its exact spelling.
const ACCENTED_VOWELS = ['é', 'ö', 'ü', 'â', 'è', 'á'] as const;
const ACCENTED_CONSONANTS = ['ş', 'ç', 'ğ', 'ñ'] as const;
const ACCENT_RATE = 0.05;

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** One made-up word of `syllables` syllables, lower case. */
export function syllableWord(rng: Rng, syllables: number): string {
  let word = '';
  for (let i = 0; i < syllables; i++) {
    if (i === 0) {
      if (rng.chance(0.85)) word += rng.pick(ONSETS);
    } else if (rng.chance(ACCENT_RATE)) {
      word += rng.pick(ACCENTED_CONSONANTS);
    } else {
      word += rng.chance(0.3) ? rng.pick(MEDIALS) : rng.pick(ONSETS);
    }
    word += rng.chance(ACCENT_RATE) ? rng.pick(ACCENTED_VOWELS) : rng.pick(VOWELS);
  }
  return word + rng.pick(CODAS);
}

/** A capitalised made-up name of 2–3 syllables (4 with `long`). */
export function properName(rng: Rng, long = false): string {
  return capitalise(syllableWord(rng, rng.between(2, long ? 4 : 3)));
}

const FAMILY_PARTICLES = ['al-', 'el-', 'bin ', 'ibn ', 'von ', 'de '] as const;

/**
 * "Tavirek Oğuzhamendo", sometimes with a middle name or a particle ("Zorav al-Qeshmirand").
 * The family name always has three or four syllables: a short given name can happen to be a real
 * one ("Tarek"), but the full name then still reads as made up, and matches no real person.
 */
export function personName(rng: Rng): string {
  const given = properName(rng);
  const middle = rng.chance(0.25) ? ` ${properName(rng)}` : '';
  const particle = rng.chance(0.2) ? rng.pick(FAMILY_PARTICLES) : '';
  return `${given}${middle} ${particle}${capitalise(syllableWord(rng, rng.between(3, 4)))}`;
}

const COMPANY_SUFFIXES = [
  'Trading LLC', 'Shipping Co.', 'Petroleum Company', 'Holding', 'General Trading', 'Exchange',
  'Logistics FZE', 'Industrial Group', 'Investment Bank', 'Construction', 'Mining Company',
  'Pharmaceuticals', 'Electronics Ltd', 'Maritime', 'Airlines', 'Steel Works', 'Telecom',
  'Agricultural Company', 'Real Estate', 'Security Services', 'Energy', 'Financial Services',
] as const;

export function companyName(rng: Rng): string {
  const first = properName(rng, true);
  const second = rng.chance(0.3) ? ` ${properName(rng)}` : '';
  return `${first}${second} ${rng.pick(COMPANY_SUFFIXES)}`;
}

const ORGANISATION_FORMS = [
  ['', 'Brigade'], ['', 'Foundation'], ['', 'Network'], ['', 'Militia'], ['', 'Relief Committee'],
  ['', 'Movement'], ['', 'Institute'], ['', 'Council'], ['', 'Martyrs Battalion'], ['', 'Charitable Society'],
  ['Friends of ', ''], ['Coalition for ', ''], ['Centre for ', ' Studies'], ['Front for the Liberation of ', ''],
] as const;

export function organisationName(rng: Rng): string {
  const [before, after] = rng.pick(ORGANISATION_FORMS);
  return `${before}${properName(rng, true)}${after ? ` ${after}` : ''}`.replace('  ', ' ');
}

/** Removes combining marks, as the search index's remove_diacritics does: "Oğuz" → "Oguz". */
export function stripDiacritics(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC');
}

const TRANSLITERATIONS: readonly (readonly [RegExp, string])[] = [
  [/q/g, 'k'],
  [/Q/g, 'K'],
  [/kh/g, 'h'],
  [/Kh/g, 'H'],
  [/sh/g, 'ch'],
  [/ou/g, 'u'],
  [/ğ/g, 'gh'],
  [/ü/g, 'ue'],
  [/ö/g, 'oe'],
  [/é/g, 'ee'],
  [/ş/g, 'sh'],
  [/ç/g, 'ch'],
  [/al-/g, 'Al '],
  [/el-/g, 'al-'],
  [/y/g, 'j'],
];

/** A spelling another source might use: one or two transliteration rules applied, or none if none apply. */
export function transliterationVariant(rng: Rng, name: string): string {
  const applicable = TRANSLITERATIONS.filter(([pattern]) => {
    pattern.lastIndex = 0;
    return pattern.test(name);
  });
  if (applicable.length === 0) return name;
  let out = name;
  for (const [pattern, replacement] of rng.sample(applicable, rng.between(1, 2))) {
    out = out.replace(pattern, replacement);
  }
  return out;
}

/** 0–3 aliases, distinct from the name and from each other ignoring case (as validation keeps them). */
export function aliasesFor(
  rng: Rng,
  name: string,
  kind: 'person' | 'company' | 'organisation' | 'other',
  count: number,
): string[] {
  const candidates: string[] = [];
  const folded = stripDiacritics(name);
  if (folded !== name) candidates.push(folded);
  candidates.push(transliterationVariant(rng, name));
  candidates.push(transliterationVariant(rng, folded));
  if (kind === 'person') {
    const parts = name.split(' ');
    const family = parts.slice(1).join(' ');
    candidates.push(`${parts[0]!.charAt(0)}. ${family}`);
    candidates.push(`${family.replace(/^(al-|el-|bin |ibn |von |de )/, '')}, ${parts[0]}`);
  } else if (kind === 'company') {
    const words = name.split(' ');
    candidates.push(words.slice(0, -1).join(' ') || name);
    candidates.push(
      words
        .map((w) => w.charAt(0))
        .join('')
        .toUpperCase(),
    );
  } else if (kind === 'organisation') {
    candidates.push(`${name} (${properName(rng)} faction)`);
  }
  rng.shuffle(candidates);
  const seen = new Set([name.toLowerCase()]);
  const out: string[] = [];
  for (const candidate of candidates) {
    if (out.length >= count) break;
    const c = candidate.replace(/\s+/g, ' ').trim();
    if (c.length < 2 || seen.has(c.toLowerCase())) continue;
    seen.add(c.toLowerCase());
    out.push(c);
  }
  return out;
}

const URL_FOLD: Record<string, string> = { é: 'e', è: 'e', á: 'a', â: 'a', ö: 'o', ü: 'u', ş: 's', ç: 'c', ğ: 'g', ñ: 'n' };

/**
 * "Şâtou Trading sanctions" → "satou-trading-sanctions": the first `maxWords` words as a URL path
 * segment. A table lookup for the few accented letters names use, instead of Unicode
 * normalisation per character (slugify), which showed up in profiles at a million events.
 */
export function urlSlug(text: string, maxWords: number): string {
  let out = '';
  let words = 0;
  let inWord = false;
  for (const ch of text.toLowerCase()) {
    const c = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : URL_FOLD[ch];
    if (c !== undefined) {
      if (!inWord) {
        if (words === maxWords) break;
        if (words > 0) out += '-';
        words++;
        inWord = true;
      }
      out += c;
    } else if (ch !== '’' && ch !== "'") {
      inWord = false;
    }
  }
  return out;
}
