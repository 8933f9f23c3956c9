/**
 * Official sanctions lists: pure readers (one per format), format detection, the comparison of
 * two versions into designations, removals and amendments, and name matching against actors.
 * No database here: db/ builds list versions, proposed events and the review queue on this.
 */
export * from './types';
export { ListReadError, type ListReadErrorCode } from './errors';
export { MAX_LIST_FILE_BYTES, type ListInput, type ReadOptions } from './input';
export { readAll, forEachEntry, type EntryStream } from './entry';
export { detectListFormat, detectFromText, type Detection, type OfacCsvPart } from './detect';
export { readListFile, readListForSource, type ListFileInput } from './read';
export { readOfacSdnXml } from './ofac-sdn-xml';
export { readOfacCsv, type OfacCsvSet } from './ofac-csv';
export { readOfacAdvancedXml } from './ofac-advanced-xml';
export { readUnScXml } from './un-sc-xml';
export { readEuFsfXml } from './eu-fsf-xml';
export { readUkSanctionsListXml } from './uk-sanctions-list-xml';
export { readOpenSanctionsFtm } from './opensanctions-ftm';
export {
  compareVersions,
  entryHash,
  canonicalForm,
  CORE_FIELDS,
  COMPARABLE_FIELDS,
  type ComparedField,
  type ListChange,
  type FieldChange,
  type ChangeDating,
  type VersionRef,
  type ListVersionEntries,
  type CompareOptions,
} from './compare';
export {
  rankCandidates,
  nameSimilarity,
  defaultNormalise,
  CERTAIN_SCHEMES,
  NAME_MATCH_THRESHOLD,
  type Normaliser,
  type ListedParty,
  type CandidateActor,
  type MatchScore,
  type MatchBasis,
  type MatchOptions,
} from './match';
