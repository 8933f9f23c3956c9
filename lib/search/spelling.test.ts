import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { words } from '@/lib/text/normalise';
import { prefixKeys, spellingVariantKey, spellingVariants } from './spelling';

/** Each row: spellings that must share one key (the first is the key). */
const FAMILIES: string[][] = [
  ['normalize', 'normalise'],
  ['normalized', 'normalised'],
  ['normalizing', 'normalising'],
  ['normalization', 'normalisation'],
  ['normalizations', 'normalisations'],
  ['organization', 'organisation'],
  ['organizations', 'organisations'],
  ['organizational', 'organisational'],
  ['authorize', 'authorise'],
  ['authorized', 'authorised'],
  ['authorization', 'authorisation'],
  ['unauthorized', 'unauthorised'],
  ['recognize', 'recognise'],
  ['recognized', 'recognised'],
  ['recognizable', 'recognisable'],
  ['criminalize', 'criminalise'],
  ['jeopardize', 'jeopardise'],
  ['destabilizing', 'destabilising'],
  ['militarized', 'militarised'],
  ['demilitarization', 'demilitarisation'],
  ['legitimize', 'legitimise'],
  ['penalize', 'penalise'],
  ['prioritize', 'prioritise'],
  ['scrutinize', 'scrutinise'],
  ['finalized', 'finalised'],
  ['characterized', 'characterised'],
  ['privatization', 'privatisation'],
  ['weaponized', 'weaponised'],
  ['stabilizer', 'stabiliser'],
  ['aggrandizement', 'aggrandisement'],
  ['analyze', 'analyse'],
  ['analyzed', 'analysed'],
  ['analyzing', 'analysing'],
  ['paralyzed', 'paralysed'],
  ['catalyze', 'catalyse'],
  ['color', 'colour'],
  ['colors', 'colours'],
  ['colored', 'coloured'],
  ['colorful', 'colourful'],
  ['honor', 'honour'],
  ['honorable', 'honourable'],
  ['dishonor', 'dishonour'],
  ['labor', 'labour'],
  ['laborers', 'labourers'],
  ['favorable', 'favourable'],
  ['unfavorable', 'unfavourable'],
  ['favorite', 'favourite'],
  ['behavior', 'behaviour'],
  ['behavioral', 'behavioural'],
  ['neighboring', 'neighbouring'],
  ['neighborhood', 'neighbourhood'],
  ['harboring', 'harbouring'],
  ['endeavor', 'endeavour'],
  ['rumored', 'rumoured'],
  ['armored', 'armoured'],
  ['misdemeanor', 'misdemeanour'],
  ['center', 'centre'],
  ['centers', 'centres'],
  ['centered', 'centred'],
  ['epicenter', 'epicentre'],
  ['theater', 'theatre'],
  ['meter', 'metre'],
  ['kilometers', 'kilometres'],
  ['liter', 'litre'],
  ['fiber', 'fibre'],
  ['caliber', 'calibre'],
  ['specter', 'spectre'],
  ['lackluster', 'lacklustre'],
  ['maneuver', 'manoeuvre'],
  ['maneuvers', 'manoeuvres'],
  ['maneuvering', 'manoeuvring'],
  ['defense', 'defence'],
  ['defenses', 'defences'],
  ['defenseless', 'defenceless'],
  ['offense', 'offence'],
  ['offenses', 'offences'],
  ['license', 'licence'],
  ['licenses', 'licences'],
  ['pretense', 'pretence'],
  ['practice', 'practise'],
  ['practiced', 'practised'],
  ['practicing', 'practising'],
  ['catalog', 'catalogue'],
  ['cataloged', 'catalogued'],
  ['dialog', 'dialogue'],
  ['dialogs', 'dialogues'],
  ['analog', 'analogue'],
  ['traveled', 'travelled'],
  ['traveling', 'travelling'],
  ['traveler', 'traveller'],
  ['canceled', 'cancelled'],
  ['canceling', 'cancelling'],
  ['labeled', 'labelled'],
  ['modeling', 'modelling'],
  ['signaled', 'signalled'],
  ['channeled', 'channelled'],
  ['fueled', 'fuelled'],
  ['leveled', 'levelled'],
  ['counselor', 'counsellor'],
  ['marvelous', 'marvellous'],
  ['medalist', 'medallist'],
  ['jeweler', 'jeweller'],
  ['totaled', 'totalled'],
  ['unequaled', 'unequalled'],
  ['fulfill', 'fulfil'],
  ['fulfillment', 'fulfilment'],
  ['enrollment', 'enrolment'],
  ['installment', 'instalment'],
  ['skillful', 'skilful'],
  ['willful', 'wilful'],
  ['program', 'programme'],
  ['programs', 'programmes'],
  ['judgment', 'judgement'],
  ['acknowledgments', 'acknowledgements'],
  ['aging', 'ageing'],
  ['gray', 'grey'],
  ['skeptical', 'sceptical'],
  ['inquiry', 'enquiry'],
  ['inquiries', 'enquiries'],
  ['sulfur', 'sulphur'],
  ['artifacts', 'artefacts'],
  ['jewelry', 'jewellery'],
  ['pediatric', 'paediatric'],
];

/** Words that have no other spelling and must stay as they are. */
const UNCHANGED = [
  // -our that is no British spelling, and Arabic names
  'our', 'four', 'tour', 'hour', 'hours', 'pour', 'sour', 'your', 'flour', 'dour', 'contour', 'detour', 'devour',
  'amour', 'troubadour', 'qaddour', 'qadour', 'mansour', 'nour', 'ashour', 'jabbour', 'tabbour', 'saffour',
  // -ize with no -ise, and -is- words that are not -ise verbs
  'size', 'sized', 'downsize', 'prize', 'prizes', 'seize', 'seized', 'capsize', 'citizen', 'wizard', 'organism',
  'realism', 'crisis', 'crises', 'analysis', 'analyst', 'emphasis', 'thesis', 'paris', 'tunisia', 'isis',
  // -ise that is not a variant
  'advise', 'advised', 'adviser', 'advising', 'advisable', 'advertise', 'advertising', 'advertisement', 'comprise',
  'comprised', 'compromise', 'compromised', 'enterprise', 'enterprises', 'exercise', 'exercised', 'excise', 'franchise',
  'disenfranchised', 'premise', 'premises', 'promise', 'promised', 'revise', 'revised', 'revision', 'supervise',
  'supervised', 'supervisor', 'surprise', 'surprising', 'televised', 'raise', 'raised', 'raising', 'fundraising',
  'fundraiser', 'appraisal', 'appraised', 'otherwise', 'likewise', 'clockwise', 'noise', 'poised', 'praise', 'rise',
  'rising', 'uprising', 'uprisings', 'arise', 'arising', 'cruise', 'bruised', 'expertise', 'merchandise', 'paradise',
  'treatise', 'precise', 'concise', 'disguise', 'disguised', 'chastise', 'despise', 'devise', 'devised', 'improvise',
  'improvisation', 'louise', 'denise', 'prise', 'prised', 'wise', 'wiser', 'miser', 'kaiser', 'liaise', 'noisy',
  // -re that is no variant
  'genre', 'acre', 'acres', 'massacre', 'massacres', 'massacred', 'ogre', 'mediocre', 'macabre', 'lucre', 'cadre',
  'cadres', 'timbre', 'padre', 'centrist', 'central', 'centralized', 'theatrical', 'metric', 'literal', 'literature',
  'spectrum', 'lustrous', 'are', 'were', 'there', 'where', 'more', 'store', 'pierre', 'andre',
  // -gue that is no -og word
  'vogue', 'rogue', 'league', 'hague', 'prague', 'colleague', 'fatigue', 'intrigue', 'plague', 'synagogue',
  'demagogue', 'tongue', 'morgue',
  // ll that American spelling keeps, and words that only look like a family
  'compelled', 'controlled', 'installed', 'cancellation', 'expelled', 'patrolled', 'propelled', 'called', 'killed',
  'rebelled', 'excelled', 'dispelled', 'enrolled', 'fulfilled', 'installation', 'installations', 'tell', 'well',
  'hotel', 'level', 'travel', 'model', 'fence', 'defend', 'defensive', 'offensive', 'licensed', 'licensing',
  'license', 'sense', 'practice', 'office', 'grease', 'program', 'programmed', 'programming', 'programmer',
  'telegram', 'gram', 'colon', 'honest', 'labrador', 'favor', 'harbor', 'metal', 'medal', 'fuel', 'dial',
  // Sanctions vocabulary
  'sanctions', 'designation', 'designated', 'caesar', 'assad', 'captagon', 'ofac', 'ofsi', 'treasury', 'regime',
  'normalisation'.length > 0 ? 'normal' : '', 'normally', 'normalcy',
];

describe('spelling variants meet', () => {
  it.each(FAMILIES)('%s and %s share one key', (...family) => {
    for (const word of family) expect(spellingVariantKey(word), word).toBe(family[0]);
  });

  it('leaves words without another spelling alone (false friends of every family)', () => {
    const changed = UNCHANGED.filter((w) => w && spellingVariantKey(w) !== w).map((w) => `${w} → ${spellingVariantKey(w)}`);
    expect(changed).toEqual([]);
  });

  it('changes exactly the British spellings in a page of sanctions prose', () => {
    const prose = `The Office of Foreign Assets Control (OFAC) designated four individuals and six entities for
      their role in the Captagon trade, which the Treasury characterised as a lifeline for the Assad regime. The
      designations follow the normalisation of relations between Damascus and several Arab League members, and
      the UK's programme of licences for humanitarian organisations. Ministers recognised the risk of
      destabilising neighbouring states; defence officials analysed shipments that travelled through the port,
      the centre of the smuggling network, and catalogued the vessels. The Caesar Act penalises support for the
      government's military manoeuvres. An enquiry found that the favourable treatment of the company was an
      offence, and the judgement was cancelled on appeal. Exercises, enterprises and premises were not affected,
      nor were the massacres of 2013, the Hague proceedings, or the hour-long briefing by Khalid Qaddour and
      Mansour al-Nour. The organisation's advisers raised concerns about the precise wording; otherwise the
      supervisor's revisions were praised.`;
    const changed = [...new Set(words(prose).filter((w) => spellingVariantKey(w) !== w))].map((w) => `${w}→${spellingVariantKey(w)}`);
    expect(changed.sort()).toEqual(
      [
        'characterised→characterized',
        'normalisation→normalization',
        'programme→program',
        'licences→licenses',
        'organisations→organizations',
        'recognised→recognized',
        'destabilising→destabilizing',
        'neighbouring→neighboring',
        'defence→defense',
        'analysed→analyzed',
        'travelled→traveled',
        'centre→center',
        'catalogued→cataloged',
        'penalises→penalizes',
        'manoeuvres→maneuvers',
        'enquiry→inquiry',
        'favourable→favorable',
        'offence→offense',
        'judgement→judgment',
        'cancelled→canceled',
        'organisation→organization',
      ].sort(),
    );
  });

  it('is idempotent, and leaves American spellings as they are (property, random words)', () => {
    const all = [...FAMILIES.flat(), ...UNCHANGED];
    for (const w of all) expect(spellingVariantKey(spellingVariantKey(w))).toBe(spellingVariantKey(w));
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,14}$/), fc.constantFrom('', 'ise', 'ised', 'isation', 'our', 're', 'lled', 'ogue', 'ence', 'yse'), (stem, end) => {
        const w = stem + end;
        const k = spellingVariantKey(w);
        expect(spellingVariantKey(k)).toBe(k);
        expect(k.length).toBeGreaterThanOrEqual(w.length - 2);
      }),
      { numRuns: 5000 },
    );
  });

  it('lists the spellings of a word for display, each with the same key', () => {
    expect(spellingVariants('normalization').sort()).toEqual(['normalisation', 'normalization']);
    expect(spellingVariants('colour').sort()).toEqual(['color', 'colour']);
    expect(spellingVariants('center').sort()).toEqual(['center', 'centre']);
    expect(spellingVariants('qaddour')).toEqual(['qaddour']);
    expect(spellingVariants('size')).toEqual(['size']);
    expect(spellingVariants('advise')).toEqual(['advise']);
    for (const family of FAMILIES) {
      const variants = spellingVariants(family[0]!);
      for (const w of family) expect(variants, family.join('/')).toContain(w);
    }
  });
});

describe('prefix queries against a keyed index', () => {
  it('find both spellings whatever the prefix stops at', () => {
    expect(prefixKeys('normali')).toEqual(['normali']);
    expect(prefixKeys('normalis')).toEqual(['normalis', 'normaliz']);
    expect(prefixKeys('normalisa')).toEqual(['normalisa', 'normaliza']);
    expect(prefixKeys('normalisation')).toEqual(['normalisation', 'normalization']);
    expect(prefixKeys('colou')).toEqual(['color', 'colou']);
    expect(prefixKeys('centr')).toEqual(expect.arrayContaining(['centr', 'center']));
    expect(prefixKeys('programm')).toEqual(['program']);
    expect(prefixKeys('unfavou')).toEqual(['unfavor', 'unfavou']);
    expect(prefixKeys('qadd')).toEqual(['qadd']);
  });

  it('property: for every word and every prefix of it, some search prefix starts its key', () => {
    const vocabulary = [...FAMILIES.flat(), ...UNCHANGED.filter(Boolean)];
    let checked = 0;
    for (const w of vocabulary) {
      const key = spellingVariantKey(w);
      for (let n = 2; n <= w.length; n++) {
        const p = w.slice(0, n);
        expect(prefixKeys(p).some((q) => key.startsWith(q)), `${p}… should find ${w} (key ${key}); got ${prefixKeys(p).join(', ')}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{2,10}$/), fc.constantFrom('ise', 'ised', 'ising', 'isations', 'yses', 'ysing', 's', ''), fc.nat(), (stem, end, cut) => {
        const w = stem + end;
        const p = w.slice(0, 2 + (cut % (w.length - 1)));
        const key = spellingVariantKey(w);
        expect(prefixKeys(p).some((q) => key.startsWith(q))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
