/**
 * British and American spellings of one word, made to meet (issue 14, "search that forgives"):
 * "normalisation", "normalization", "normalise", "normalize", "normalised" and "normalizing" must
 * find each other, in either direction, on both sides of the full-text index.
 *
 * `spellingVariantKey(word)` maps every spelling of a word to one token, the American one
 * ("normalisation" → "normalization", "colour" → "color", "centre" → "center", "defence" →
 * "defense", "catalogue" → "catalog", "travelled" → "traveled", "programme" → "program",
 * "fulfil" → "fulfill"). Index the keys of the words (after `normaliseText`), key the words of a
 * query the same way, and the two spellings are one token. Words outside the families are their own
 * key, so applying it to every word is safe. (Named apart from `spellingKey` in
 * lib/text/normalise.ts, which compares how two aliases look, a different question.)
 *
 * Prefix queries (the search matches words as prefixes) need one more step, because a prefix can
 * stop inside the part that differs: "colou" is a prefix of "colour" but not of its key "color", and
 * "normalis" is not a prefix of "normalization". `prefixKeys(prefix)` gives the prefixes to search
 * the keyed index with: the prefix itself and its American counterparts ("normalis" → "normalis",
 * "normaliz"; "colou" → "colou", "color"). A prefix that stops before the difference ("normali",
 * "col") needs nothing: every key still starts with it.
 *
 * How the families are recognised, and why so:
 * - -ise/-isation/-ising… and -yse/-ysing… by rule, because the family is open (new verbs come
 *   with every policy: "weaponise", "securitise"), with an exception list of words whose -ise is
 *   not a variant ("advise", "comprise", "compromise", "enterprise", "exercise", "excise",
 *   "franchise", "premise", "promise", "revise", "supervise", "surprise", "televise", "raise",
 *   "otherwise"…), and a minimum stem so that "rise", "noise", "poise", "crises" are left alone.
 *   "practise" is its own pair (→ "practice"), and "prise" (to lever open) is left alone so that it
 *   does not become "prize".
 * - -our, -re, -ence, -ogue, doubled l and the rest from explicit lists of stems, because the
 *   false friends outnumber the real ones: "our", "four", "tour", "hour", "flour", "contour",
 *   "detour", and Arabic names ("Qaddour", "Mansour", "Nour", "Ashour") must not lose a letter;
 *   "genre", "acre", "massacre", "ogre", "mediocre", "timbre" (≠ "timber") are no "-er" words;
 *   "vogue", "rogue", "league", "Hague" and "Prague" are no "-og" words; "compelled",
 *   "controlled", "installed" and "cancellation" keep their ll in American spelling too.
 *
 * Keys are lower case and unaccented, like the words they come from: call it on the output of
 * `words` / `normaliseText`, never on raw text.
 */

// ---------------------------------------------------------------------------------------------
// Rule-based families: -ise and -yse

/** Endings after "is"/"iz" (and "ys"/"yz") that make a verb form or a derived noun/adjective. */
const ISE_ENDINGS = [
  'e', 'es', 'ed', 'ing', 'er', 'ers', 'ation', 'ations', 'ational', 'ationally',
  'able', 'ability', 'ement', 'ements',
] as const;
const YSE_ENDINGS = ['e', 'es', 'ed', 'ing', 'er', 'ers'] as const;

/**
 * Words ending in -ise that are not spellings of an -ize word. A stem is checked as stem + "ise",
 * so each entry covers its inflections ("advised", "advising", "adviser", "advisable").
 */
const ISE_EXCEPTIONS = new Set([
  'advertise', 'advise', 'apprise', 'arise', 'chastise', 'circumcise', 'comprise', 'compromise', 'concise',
  'demise', 'despise', 'devise', 'disguise', 'enfranchise', 'disenfranchise', 'enterprise', 'excise', 'exercise',
  'expertise', 'franchise', 'improvise', 'incise', 'merchandise', 'mortise', 'precise', 'imprecise', 'premise',
  'promise', 'reprise', 'revise', 'rise', 'sunrise', 'uprise', 'supervise', 'surmise', 'surprise', 'televise',
  'treatise', 'noise', 'poise', 'praise', 'appraise', 'braise', 'cruise', 'bruise', 'guise', 'paradise', 'anise',
  'valise', 'tortoise', 'porpoise', 'turquoise', 'chemise', 'liaise', 'vise', 'prise', 'remise', 'cerise',
  'practise', // its own pair: practise → practice
  // Names
  'louise', 'denise', 'elise', 'eloise', 'heloise', 'francoise', 'blaise', 'ambroise', 'marseillaise',
]);
/** Endings that make any word an exception: "otherwise", "likewise", "fundraise", "fundraiser". */
const ISE_EXCEPTION_ENDINGS = ['wise', 'raise'];
/** Shorter stems are not -ise verbs: "rise", "wise", "noise", "raise", "crises", "miser". */
const MIN_ISE_STEM = 3;

/** American words in -ize with no British -ise: no British variant is invented for them. */
const IZE_WITHOUT_ISE = ['size', 'prize', 'seize', 'capsize', 'baize', 'maize', 'belize'];

function isIseException(stem: string): boolean {
  const word = `${stem}ise`;
  return ISE_EXCEPTIONS.has(word) || ISE_EXCEPTION_ENDINGS.some((e) => word.endsWith(e));
}

function iseStemOk(stem: string): boolean {
  return stem.length >= MIN_ISE_STEM && !isIseException(stem);
}

/** -yse verbs all end in "lyse" (analyse, paralyse, catalyse, dialyse, hydrolyse, breathalyse). */
function yseStemOk(stem: string): boolean {
  return stem.length >= 3 && stem.endsWith('l');
}

/** Longest ending first, so "isations" is not read as "isation" + "s". */
const ISE_BY_LENGTH = [...ISE_ENDINGS].sort((a, b) => b.length - a.length);
const YSE_BY_LENGTH = [...YSE_ENDINGS].sort((a, b) => b.length - a.length);

function ruleKey(word: string): string | null {
  for (const ending of ISE_BY_LENGTH) {
    const suffix = `is${ending}`;
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      if (iseStemOk(stem)) return `${stem}iz${ending}`;
    }
  }
  for (const ending of YSE_BY_LENGTH) {
    const suffix = `ys${ending}`;
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, -suffix.length);
      if (yseStemOk(stem)) return `${stem}yz${ending}`;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Listed families: each British stem with its American stem and the endings they take

interface Family {
  /** British stem and American stem. */
  gb: string;
  us: string;
  /** British ending → American ending. */
  endings: Record<string, string>;
}

const same = (...endings: string[]) => Object.fromEntries(endings.map((e) => [e, e]));

const OUR_ENDINGS = same(
  '', 's', 'ed', 'ing', 'er', 'ers', 'ful', 'fully', 'less', 'able', 'ably', 'ite', 'ites', 'itism',
  'al', 'ally', 'hood', 'hoods', 'ly', 'y', 'ies', 'ism', 'ist', 'ists',
);
const OUR_STEMS = [
  'colour', 'watercolour', 'honour', 'labour', 'belabour', 'favour', 'behaviour', 'neighbour', 'harbour', 'rumour',
  'humour', 'vapour', 'vigour', 'valour', 'rigour', 'armour', 'ardour', 'candour', 'clamour', 'endeavour',
  'fervour', 'flavour', 'glamour', 'odour', 'malodour', 'parlour', 'saviour', 'splendour', 'tumour', 'savour',
  'succour', 'demeanour', 'misdemeanour', 'arbour', 'clangour', 'enamour', 'rancour', 'tremour',
];

const RE_ENDINGS = { re: 'er', res: 'ers', red: 'ered', ring: 'ering' };
const RE_STEMS = [
  'cent', 'epicent', 'theat', 'amphitheat', 'met', 'kilomet', 'centimet', 'millimet', 'lit', 'millilit', 'fib',
  'calib', 'sab', 'somb', 'spect', 'lust', 'lacklust', 'meag', 'mit', 'nit', 'och', 'reconnoit', 'scept',
  'sepulch', 'goit',
];

const LL_ENDINGS = { led: 'ed', ling: 'ing', ler: 'er', lers: 'ers', lor: 'or', lors: 'ors', lous: 'ous', lously: 'ously', list: 'ist', lists: 'ists' };
const LL_STEMS = [
  'travel', 'cancel', 'label', 'model', 'signal', 'channel', 'fuel', 'refuel', 'level', 'marshal', 'counsel',
  'total', 'equal', 'dial', 'libel', 'duel', 'tunnel', 'funnel', 'panel', 'pencil', 'quarrel', 'rival', 'shovel',
  'swivel', 'towel', 'unravel', 'ravel', 'marvel', 'yodel', 'grovel', 'gravel', 'enamel', 'bevel', 'chisel',
  'initial', 'kennel', 'pedal', 'spiral', 'stencil', 'apparel', 'barrel', 'medal', 'jewel', 'revel', 'bedevil',
  'devil', 'snorkel', 'cudgel', 'carol', 'tassel', 'tinsel', 'victual',
];

const FAMILIES: Family[] = [
  ...OUR_STEMS.map((gb) => ({ gb, us: gb.replace(/our$/, 'or'), endings: OUR_ENDINGS })),
  ...RE_STEMS.map((stem) => ({ gb: stem, us: stem, endings: RE_ENDINGS })),
  ...LL_STEMS.map((stem) => ({ gb: `${stem}l`, us: stem, endings: Object.fromEntries(Object.entries(LL_ENDINGS).map(([g, u]) => [g.slice(1), u])) })),
  { gb: 'manoeuv', us: 'maneuv', endings: { ...RE_ENDINGS, rable: 'erable', rability: 'erability' } },
  // -ence / -ense
  { gb: 'defenc', us: 'defens', endings: { e: 'e', es: 'es', eless: 'eless' } },
  { gb: 'offenc', us: 'offens', endings: { e: 'e', es: 'es' } },
  { gb: 'licenc', us: 'licens', endings: { e: 'e', es: 'es' } },
  { gb: 'pretenc', us: 'pretens', endings: { e: 'e', es: 'es' } },
  { gb: 'practis', us: 'practic', endings: { e: 'e', es: 'es', ed: 'ed', ing: 'ing' } },
  // -ogue / -og
  ...['catalog', 'dialog', 'analog', 'monolog', 'prolog', 'epilog', 'travelog', 'homolog'].map((stem) => ({
    gb: stem,
    us: stem,
    endings: { ue: '', ues: 's', ued: 'ed', uing: 'ing', uer: 'er', uers: 'ers' },
  })),
  // British single l, American double
  ...['fulfil', 'enrol', 'instal', 'distil', 'appal', 'instil', 'enthral'].map((gb) => ({
    gb,
    us: `${gb}l`,
    endings: { '': '', s: 's', ment: 'ment', ments: 'ments' },
  })),
  { gb: 'skilful', us: 'skillful', endings: same('', 'ly', 'ness') },
  { gb: 'wilful', us: 'willful', endings: same('', 'ly', 'ness') },
  // programme
  ...['programme', 'kilogramme', 'gramme'].map((gb) => ({ gb, us: gb.slice(0, -2), endings: same('', 's') })),
  // ae/oe and the rest: whole words
  ...Object.entries({
    judgement: 'judgment', acknowledgement: 'acknowledgment', ageing: 'aging', grey: 'gray', aluminium: 'aluminum',
    sceptic: 'skeptic', sceptical: 'skeptical', sceptically: 'skeptically', scepticism: 'skepticism', mould: 'mold',
    mouldy: 'moldy', plough: 'plow', sulphur: 'sulfur', sulphate: 'sulfate', sulphuric: 'sulfuric', artefact: 'artifact',
    enquiry: 'inquiry', enquiries: 'inquiries', enquire: 'inquire', enquired: 'inquired', enquiring: 'inquiring',
    enquirer: 'inquirer', paediatric: 'pediatric', orthopaedic: 'orthopedic', encyclopaedia: 'encyclopedia',
    mediaeval: 'medieval', foetus: 'fetus', oestrogen: 'estrogen', haemorrhage: 'hemorrhage', anaemia: 'anemia',
    leukaemia: 'leukemia', anaesthesia: 'anesthesia', anaesthetic: 'anesthetic', diarrhoea: 'diarrhea',
    jewellery: 'jewelry', cosy: 'cozy', pyjamas: 'pajamas', moustache: 'mustache', gaol: 'jail', yoghurt: 'yogurt',
    aeroplane: 'airplane', centrepiece: 'centerpiece', woollen: 'woolen', tranquillity: 'tranquility',
    tranquilliser: 'tranquilizer', tranquillise: 'tranquilize',
  }).map(([gb, us]) => ({ gb, us, endings: same('', 's') })),
];

/** Every British form the lists make, with its American key. */
const LISTED = new Map<string, string>();
for (const family of FAMILIES) {
  for (const [gbEnd, usEnd] of Object.entries(family.endings)) {
    const gb = family.gb + gbEnd;
    const us = family.us + usEnd;
    if (gb !== us) LISTED.set(gb, us);
  }
}
// The American forms, which are their own key (and must stay so: no rule may touch them).
const AMERICAN = new Set(LISTED.values());

/** Prefixes that make new words of listed ones: "unfavourable", "discoloured", "remodelled". */
const WORD_PREFIXES = ['un', 'dis', 'mis', 'non', 're', 'pre', 'counter', 'over', 'under', 'anti', 'de', 'multi', 'inter', 'sub', 'super', 'co', 'semi', 'mal', 'self'];

function listedKey(word: string): string | null {
  const direct = LISTED.get(word);
  if (direct !== undefined) return direct;
  for (const prefix of WORD_PREFIXES) {
    if (word.length - prefix.length >= 4 && word.startsWith(prefix)) {
      const rest = LISTED.get(word.slice(prefix.length));
      if (rest !== undefined) return prefix + rest;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

/**
 * The one token that every spelling of `word` shares: its American spelling, or the word itself
 * when it has no other spelling. `word` is one normalised word (see lib/text/normalise.ts `words`).
 * Idempotent: `spellingVariantKey(spellingVariantKey(w)) === spellingVariantKey(w)`.
 */
export function spellingVariantKey(word: string): string {
  if (word.length < 4 || AMERICAN.has(word)) return word;
  return listedKey(word) ?? ruleKey(word) ?? word;
}

/** The keys of a text's words, in order: what the index should hold for it. */
export function spellingVariantKeys(words: readonly string[]): string[] {
  return words.map(spellingVariantKey);
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * The prefixes to search a keyed index with, for a prefix typed by a person: the typed prefix, its
 * key, and the American counterparts of any spelling family whose differing part it reaches into,
 * with none that another already covers. Every word that starts with `prefix` has a key that starts
 * with one of them (property-tested). `prefix` is one normalised word.
 */
export function prefixKeys(prefix: string): string[] {
  const out = new Set<string>([prefix, spellingVariantKey(prefix)]);
  // Listed words that start with the prefix and whose key has parted from it already.
  for (const [gb, us] of LISTED) {
    if (gb.startsWith(prefix) && !us.startsWith(prefix) && prefix.length > commonPrefixLength(gb, us)) out.add(us);
    else if (prefix.startsWith(gb) && prefix.length > gb.length) out.add(us + prefix.slice(gb.length));
  }
  for (const wp of WORD_PREFIXES) {
    if (prefix.startsWith(wp) && prefix.length - wp.length >= 2) {
      for (const key of prefixKeys(prefix.slice(wp.length))) out.add(wp + key);
    }
  }
  // Rule families: the prefix reaches "is"/"ys" of a stem, plus part of an ending.
  for (const [mark, key, endings, ok] of [
    ['is', 'iz', ISE_ENDINGS, iseStemOk],
    ['ys', 'yz', YSE_ENDINGS, yseStemOk],
  ] as const) {
    for (let at = prefix.indexOf(mark); at >= 0; at = prefix.indexOf(mark, at + 1)) {
      const stem = prefix.slice(0, at);
      const rest = prefix.slice(at + 2);
      if (!ok(stem)) continue;
      if (endings.some((e: string) => e.startsWith(rest))) out.add(`${stem}${key}${rest}`);
    }
  }
  // Leave out any prefix that a shorter one in the set already covers.
  const list = [...out].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return list.filter((p, i) => !list.slice(0, i).some((q) => p.startsWith(q)));
}

/**
 * The stem of an -ize (or -yze) word with its "iz": "normalization", "normalizing" and "normalized"
 * give "normaliz", so a search for one form finds the others as a prefix (the family the issue
 * names: normalise, normalisation, normalising…). Null for words outside the family. Takes a key
 * (American spelling).
 */
export function familyPrefix(key: string): string | null {
  for (const [mark, endings, ok] of [
    ['iz', ISE_BY_LENGTH, iseStemOk],
    ['yz', YSE_BY_LENGTH, yseStemOk],
  ] as const) {
    for (const ending of endings) {
      const suffix = `${mark}${ending}`;
      if (key.endsWith(suffix)) {
        const stem = key.slice(0, -suffix.length);
        if (ok(stem) && !IZE_WITHOUT_ISE.some((w) => `${stem}ize`.endsWith(w))) return `${stem}${mark}`;
      }
    }
  }
  return null;
}

/**
 * The prefixes a prefix search for `word` should use against a keyed index: `prefixKeys(word)`
 * and, for a word of the -ize family, its stem (`familyPrefix`), with none that another covers.
 */
export function searchPrefixes(word: string): string[] {
  const family = familyPrefix(spellingVariantKey(word));
  const list = [...new Set([...prefixKeys(word), ...(family ? [family] : [])])].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return list.filter((p, i) => !list.slice(0, i).some((q) => p.startsWith(q)));
}

/**
 * Every spelling of a word that this module knows, the word's own first, all sharing its key:
 * "normalization" → ["normalization", "normalisation"]; "colour" → ["colour", "color"]. For
 * showing a suggestion in the spelling a person used ("Did you mean normalisation?").
 */
export function spellingVariants(word: string): string[] {
  const key = spellingVariantKey(word);
  const out = new Set<string>([word, key]);
  for (const [gb, us] of LISTED) {
    if (us === key) out.add(gb);
    for (const wp of WORD_PREFIXES) if (wp + us === key) out.add(wp + gb);
  }
  for (const [mark, gbMark, endings, ok] of [
    ['iz', 'is', ISE_ENDINGS, iseStemOk],
    ['yz', 'ys', YSE_ENDINGS, yseStemOk],
  ] as const) {
    for (const ending of endings) {
      const suffix = `${mark}${ending}`;
      if (!key.endsWith(suffix)) continue;
      const stem = key.slice(0, -suffix.length);
      if (ok(stem) && !IZE_WITHOUT_ISE.some((w) => `${stem}ize`.endsWith(w))) out.add(`${stem}${gbMark}${ending}`);
    }
  }
  return [...out].filter((v) => spellingVariantKey(v) === key);
}
