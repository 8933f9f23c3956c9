/**
 * Which list a file looks like, from its first element or first line, without reading the rest:
 * so `--source ofac-sdn` given a UN file is refused at once, with what the file is instead.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ListReadError } from './errors';
import { openInput, type ListInput, type ReadOptions } from './input';
import { FORMAT_LABELS, type ListFormat } from './types';

/** Namespaces OFAC has used for sdn.xml: the classic schema, and the Sanctions List Service export. */
export const OFAC_SDN_NAMESPACES = [
  'http://tempuri.org/sdnList.xsd',
  'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML',
] as const;

/** Namespaces of SDN_ADVANCED.XML: the UN-designed sanctions data model, and its Sanctions List Service export. */
export const OFAC_ADVANCED_NAMESPACES = [
  'http://www.un.org/sanctions/1.0',
  'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML',
] as const;

export const EU_FSF_NAMESPACE = 'http://eu.europa.ec/fpi/fsd/export';

interface RootSignature {
  format: ListFormat;
  root: string;
  /** Accepted namespaces; the empty string is "no namespace". */
  namespaces: readonly string[];
}

const ROOTS: RootSignature[] = [
  { format: 'ofac-sdn-xml', root: 'sdnList', namespaces: [...OFAC_SDN_NAMESPACES, ''] },
  { format: 'ofac-advanced-xml', root: 'Sanctions', namespaces: [...OFAC_ADVANCED_NAMESPACES] },
  { format: 'un-sc-xml', root: 'CONSOLIDATED_LIST', namespaces: [''] },
  { format: 'eu-fsf-xml', root: 'export', namespaces: [EU_FSF_NAMESPACE] },
  { format: 'uk-sanctions-list-xml', root: 'Designations', namespaces: [''] },
];

export function formatOfRoot(name: string, namespace: string): ListFormat | null {
  return ROOTS.find((r) => r.root === name && r.namespaces.includes(namespace))?.format ?? null;
}

function describeRoot(name: string, namespace: string): string {
  const found = formatOfRoot(name, namespace);
  const element = namespace ? `<${name}> in namespace ${namespace}` : `<${name}>`;
  return found ? `its root element ${element} is that of an ${FORMAT_LABELS[found]}` : `its root element is ${element}`;
}

/** Refuses a file whose root element is not the one `format` has. */
export function checkRoot(format: ListFormat, file: string, root: { name: string; namespace: string; line: number }): void {
  if (formatOfRoot(root.name, root.namespace) === format) return;
  const expected = ROOTS.find((r) => r.format === format)!;
  throw new ListReadError(
    'wrong-format',
    `this is not an ${FORMAT_LABELS[format]} (root <${expected.root}>): ${describeRoot(root.name, root.namespace)}`,
    { file, line: root.line },
  );
}

export type OfacCsvPart = 'sdn' | 'add' | 'alt';

export interface Detection {
  format: ListFormat | null;
  /** For the OFAC CSV set: which of its three files this is. */
  csvPart?: OfacCsvPart;
  /** What the file looks like, in words. */
  description: string;
}

const SNIFF_CHARS = 64 * 1024;

/** Looks at the start of a file and says which list format it is, or what it is instead. */
export async function detectListFormat(input: ListInput, options: ReadOptions = {}): Promise<Detection> {
  const opened = await openInput(input, options);
  let head = '';
  const chunks = opened.chunks();
  try {
    for await (const chunk of chunks) {
      head += chunk;
      if (head.length >= SNIFF_CHARS) break;
    }
  } finally {
    await chunks.return(undefined);
  }
  return detectFromText(head.replace(/^\uFEFF/, ''));
}

export function detectFromText(head: string): Detection {
  const start = head.trimStart();
  if (start.startsWith('<')) return detectXml(start);
  if (start.startsWith('{')) return detectNdjson(start);
  return detectCsv(start);
}

function detectXml(head: string): Detection {
  const parser = new SaxesParser({ xmlns: true });
  let root: { name: string; namespace: string } | null = null;
  let problem: string | null = null;
  parser.on('opentag', (tag: SaxesTagNS) => {
    root ??= { name: tag.local, namespace: tag.uri };
  });
  parser.on('doctype', () => {
    problem ??= 'XML with a DOCTYPE (refused: list files have none)';
  });
  parser.on('error', (error) => {
    problem ??= `XML that is not well formed (${error.message})`;
  });
  // Writing a prefix may leave elements open; only the first open tag matters here.
  parser.write(head);
  if (problem && !root) return { format: null, description: problem };
  if (!root) return { format: null, description: 'XML without a root element in its first 64 KB' };
  const { name, namespace } = root;
  const format = formatOfRoot(name, namespace);
  return { format, description: format ? FORMAT_LABELS[format] : `XML whose ${describeRoot(name, namespace)}` };
}

function detectNdjson(head: string): Detection {
  const firstLine = head.split('\n', 1)[0]!;
  try {
    const value: unknown = JSON.parse(firstLine);
    if (value && typeof value === 'object' && 'schema' in value && 'id' in value && 'properties' in value) {
      return { format: 'opensanctions-ftm', description: FORMAT_LABELS['opensanctions-ftm'] };
    }
    return { format: null, description: 'JSON lines that are not FollowTheMoney entities (no id, schema and properties)' };
  } catch {
    return { format: null, description: 'text starting with "{" whose first line is not JSON' };
  }
}

/** OFAC's legacy CSVs have no header: the number of columns and the first cells tell them apart. */
function detectCsv(head: string): Detection {
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  let cells: string[];
  try {
    cells = (parseCsv(firstLine, { relax_column_count: true, relax_quotes: true }) as string[][])[0] ?? [];
  } catch {
    return { format: null, description: 'text that is neither XML, JSON lines nor CSV' };
  }
  const numeric = (i: number) => /^\d+$/.test((cells[i] ?? '').trim());
  if (numeric(0) && cells.length === 12) return { format: 'ofac-csv', csvPart: 'sdn', description: 'OFAC sdn.csv' };
  if (numeric(0) && numeric(1) && cells.length === 6) return { format: 'ofac-csv', csvPart: 'add', description: 'OFAC add.csv' };
  if (numeric(0) && numeric(1) && cells.length === 5 && /^(aka|fka|nka)$/i.test((cells[2] ?? '').trim())) {
    return { format: 'ofac-csv', csvPart: 'alt', description: 'OFAC alt.csv' };
  }
  return { format: null, description: `text whose first line has ${cells.length} comma-separated cells, which is no list format we read` };
}
