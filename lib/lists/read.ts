/**
 * One entry point for the readers: read a file as a given format, or as a given list with its
 * format detected (so `--source ofac-sdn` given a UN file is refused before anything is read).
 */
import { detectListFormat, type Detection } from './detect';
import type { EntryStream } from './entry';
import { ListReadError } from './errors';
import type { ListInput, ReadOptions } from './input';
import { readEuFsfXml } from './eu-fsf-xml';
import { readOfacAdvancedXml } from './ofac-advanced-xml';
import { readOfacCsv, type OfacCsvSet } from './ofac-csv';
import { readOfacSdnXml } from './ofac-sdn-xml';
import { readOpenSanctionsFtm } from './opensanctions-ftm';
import { readUkSanctionsListXml } from './uk-sanctions-list-xml';
import { readUnScXml } from './un-sc-xml';
import { FORMAT_SOURCE, type ListFormat, type ListSource } from './types';

export type ListFileInput = ListInput | OfacCsvSet;

function isCsvSet(input: ListFileInput): input is OfacCsvSet {
  return typeof input === 'object' && 'sdn' in input && 'add' in input && 'alt' in input;
}

function inputName(input: ListFileInput): string {
  if (isCsvSet(input)) return inputName(input.sdn);
  return typeof input === 'string' ? input : input.name;
}

/** Reads `input` as `format`. The OFAC CSV format takes the set of three files. */
export function readListFile(format: ListFormat, input: ListFileInput, options: ReadOptions = {}): EntryStream {
  if (format === 'ofac-csv') {
    if (!isCsvSet(input)) throw new ListReadError('wrong-format', 'the OFAC CSV format needs sdn.csv, add.csv and alt.csv together', { file: inputName(input) });
    return readOfacCsv(input, options);
  }
  if (isCsvSet(input)) throw new ListReadError('wrong-format', `a set of CSV files was given for the ${format} format, which is one file`, { file: inputName(input) });
  switch (format) {
    case 'ofac-sdn-xml':
      return readOfacSdnXml(input, options);
    case 'ofac-advanced-xml':
      return readOfacAdvancedXml(input, options);
    case 'un-sc-xml':
      return readUnScXml(input, options);
    case 'eu-fsf-xml':
      return readEuFsfXml(input, options);
    case 'uk-sanctions-list-xml':
      return readUkSanctionsListXml(input, options);
    case 'opensanctions-ftm':
      return readOpenSanctionsFtm(input, options);
  }
}

/**
 * Reads a file that should be a version of `source`, detecting its format first; a file of
 * another list or format is refused with what it looks like. Only file paths can be detected and
 * then read (a stream cannot be rewound): give paths.
 */
export async function readListForSource(source: ListSource, input: string | OfacCsvSet, options: ReadOptions = {}): Promise<{ detection: Detection; entries: EntryStream }> {
  const paths = typeof input === 'string' ? [input] : [input.sdn, input.add, input.alt];
  let first: Detection | null = null;
  for (const path of paths) {
    if (typeof path !== 'string') throw new ListReadError('wrong-format', 'give file paths, so the format can be checked before reading', { file: inputName(path) });
    const detection = await detectListFormat(path, options);
    first ??= detection;
    if (detection.format === null || FORMAT_SOURCE[detection.format] !== source) {
      throw new ListReadError('wrong-format', `this is not a ${source} list file: it looks like ${detection.description}`, { file: path });
    }
  }
  const format = first!.format!;
  if (format === 'ofac-csv' && typeof input === 'string') {
    throw new ListReadError('wrong-format', 'this is part of the OFAC CSV set: give sdn.csv, add.csv and alt.csv together', { file: input });
  }
  return { detection: first!, entries: readListFile(format, input, options) };
}
