import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES } from '@/lib/countries';
import { COUNTRY_NAMES } from '@/lib/country-names';
import { COUNTRY_ALIASES, countryCodesOf, countryTextForms, findCountryMentions } from './country-aliases';

describe('country names as people write them', () => {
  it.each([
    ['TR', ['Turkey', 'Türkiye', 'Turkiye', 'TÜRKİYE', 'Republic of Türkiye', 'Republic of Turkey', 'تركيا']],
    ['SY', ['Syria', 'Syrian Arab Republic', 'سوريا', 'سورية', 'سوريه', 'الجمهورية العربية السورية']],
    ['AE', ['UAE', 'U.A.E.', 'United Arab Emirates', 'Emirates', 'الإمارات', 'الامارات', 'الإمارات العربية المتحدة']],
    ['SA', ['Saudi Arabia', 'KSA', 'Saudi', 'السعودية', 'المملكة العربية السعودية', 'Kingdom of Saudi Arabia']],
    ['IR', ['Iran', 'Islamic Republic of Iran', 'إيران', 'ایران', 'Persia']],
    ['RU', ['Russia', 'Russian Federation', 'Россия', 'روسيا']],
    ['US', ['US', 'U.S.', 'USA', 'United States', 'United States of America', 'America', 'الولايات المتحدة']],
    ['GB', ['UK', 'U.K.', 'United Kingdom', 'Britain', 'Great Britain', 'المملكة المتحدة', 'بريطانيا']],
    ['LB', ['Lebanon', 'لبنان', 'Lebanese Republic']],
    ['IQ', ['Iraq', 'العراق', 'Irak']],
    ['JO', ['Jordan', 'الأردن', 'Hashemite Kingdom of Jordan']],
    ['EG', ['Egypt', 'مصر', 'Arab Republic of Egypt']],
    ['BH', ['Bahrain', 'البحرين']],
    ['QA', ['Qatar', 'قطر', 'State of Qatar']],
    ['OM', ['Oman', 'Sultanate of Oman', 'عمان']],
    ['KW', ['Kuwait', 'الكويت']],
    ['IL', ['Israel', 'إسرائيل', 'ישראל']],
    ['PS', ['Palestine', 'State of Palestine', 'Palestinian Territories', 'فلسطين']],
    ['YE', ['Yemen', 'اليمن']],
    ['LY', ['Libya', 'ليبيا']],
    ['TN', ['Tunisia', 'تونس']],
    ['DZ', ['Algeria', 'الجزائر']],
    ['MA', ['Morocco', 'المغرب']],
    ['CN', ['China', "People's Republic of China", 'PRC', '中国']],
    ['FR', ['France', 'French Republic', 'فرنسا']],
    ['DE', ['Germany', 'Deutschland', 'ألمانيا']],
    ['EU', ['EU', 'European Union', 'الاتحاد الأوروبي']],
    ['BA', ['Bosnia and Herzegovina', 'Bosnia & Herzegovina']],
    ['MM', ['Myanmar', 'Burma']],
    ['KN', ['Saint Kitts and Nevis', 'St. Kitts & Nevis']],
    ['CD', ['Democratic Republic of the Congo', 'DRC']],
    ['HK', ['Hong Kong']],
  ])('%s: %j', (code, names) => {
    for (const name of names) expect(countryCodesOf(name), name).toEqual([code]);
  });

  it('keeps an ambiguous name ambiguous, and demonyms are no country names', () => {
    expect(countryCodesOf('Congo')).toEqual(['CD', 'CG']);
    expect(countryCodesOf('Korea')).toEqual(['KP', 'KR']);
    expect(countryCodesOf('Syrian')).toEqual([]);
    expect(countryCodesOf('Turkish')).toEqual([]);
    expect(countryCodesOf('Arab')).toEqual([]);
    expect(countryCodesOf('Republic')).toEqual([]);
  });

  it('names every country of the tracker by its English short name', () => {
    for (const code of COUNTRY_CODES) expect(countryCodesOf(COUNTRY_NAMES[code]), COUNTRY_NAMES[code]).toContain(code);
    // Every code an alias names is in the tracker's list, or the EU.
    for (const alias of COUNTRY_ALIASES) for (const c of alias.codes) expect(c === 'EU' || c in COUNTRY_NAMES, alias.name).toBe(true);
  });

  it('looks for unambiguous forms and demonyms in text, not the ambiguous ones', () => {
    const tr = countryTextForms('TR').map((w) => w.join(' '));
    expect(tr).toEqual(expect.arrayContaining(['turkey', 'turkiye', 'republic of turkiye', 'turkish', 'تركيا']));
    const us = countryTextForms('US').map((w) => w.join(' '));
    expect(us).toEqual(expect.arrayContaining(['united states', 'usa', 'u s', 'u s a']));
    expect(us).not.toContain('us');
    expect(us).not.toContain('america');
    expect(countryTextForms('OM').map((w) => w.join(' '))).not.toContain('عمان');
    expect(countryTextForms('CG').map((w) => w.join(' '))).not.toContain('congo');
  });
});

describe('country mentions in a query', () => {
  it('splits a query into countries and the words left over', () => {
    expect(findCountryMentions('Turkey normalization')).toEqual({
      mentions: [{ codes: ['TR'], words: ['turkey'], from: 0, to: 1 }],
      rest: ['normalization'],
    });
    expect(findCountryMentions('Erdoğan offer Republic of Türkiye')).toEqual({
      mentions: [{ codes: ['TR'], words: ['republic', 'of', 'turkiye'], from: 2, to: 5 }],
      rest: ['erdogan', 'offer'],
    });
  });

  it('takes the longest name: Guinea-Bissau, Saudi Arabia, United Arab Emirates, Northern Ireland', () => {
    const codes = (q: string) => findCountryMentions(q).mentions.map((m) => m.codes.join('/'));
    expect(codes('Guinea-Bissau')).toEqual(['GW']);
    expect(codes('Equatorial Guinea and Guinea')).toEqual(['GQ', 'GN']);
    expect(codes('saudi arabia')).toEqual(['SA']);
    expect(codes('the United Arab Emirates and Oman')).toEqual(['AE', 'OM']);
    expect(codes('South Sudan Sudan')).toEqual(['SS', 'SD']);
    expect(codes('Northern Ireland')).toEqual(['GB']);
    expect(codes('Hong Kong SAR China')).toEqual(['HK']);
    expect(codes('U.S. sanctions on Syria')).toEqual(['US', 'SY']);
    expect(codes('العقوبات على سوريا والإمارات')).toEqual(['SY']);
  });

  it('includes a "the" before a name in the mention', () => {
    expect(findCountryMentions('the Emirates ports')).toEqual({
      mentions: [{ codes: ['AE'], words: ['the', 'emirates'], from: 0, to: 2 }],
      rest: ['ports'],
    });
  });

  it('finds nothing in words that only contain a name', () => {
    expect(findCountryMentions('Syrian normalisation Omani Iranians').mentions).toEqual([]);
    expect(findCountryMentions('usage of the chadwick report').mentions).toEqual([]);
  });
});
