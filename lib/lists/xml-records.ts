/**
 * Streams the records of a list XML file: saxes reads the text as it arrives and only the element
 * being read (one sdnEntry, one sanctionEntity...) is built as a small tree, handed over when it
 * closes, and dropped. So a 100 MB file costs one record of memory, not 100 MB.
 *
 * Safety: any DOCTYPE is refused before its content is used, so neither an entity-expansion bomb
 * nor an external entity can be declared (saxes itself never expands external entities and
 * refuses references to undeclared ones). Malformed or truncated XML is refused with the file,
 * line and column saxes stopped at.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ListReadError } from './errors';
import type { OpenedInput } from './input';

export interface XmlElement {
  /** Local name, without namespace prefix. */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside the element (whitespace kept; callers trim). */
  text: string;
  line: number;
}

export interface XmlRoot {
  name: string;
  namespace: string;
  attrs: Record<string, string>;
  line: number;
}

export interface XmlRecordOptions {
  /** Checks the root element before anything else is read; throws to refuse the file. */
  onRoot: (root: XmlRoot) => void;
  /** Whether an element at this path (root first, local names) is a record to hand over whole. */
  isRecord: (path: readonly string[]) => boolean;
  /** Largest record, in characters of text and attributes, before the file is refused. */
  maxRecordChars?: number;
}

/** One record far larger than any real list entry means a broken or hostile file. */
const DEFAULT_MAX_RECORD_CHARS = 4 * 1024 * 1024;

export async function* xmlRecords(input: OpenedInput, options: XmlRecordOptions): AsyncGenerator<XmlElement> {
  const file = input.name;
  const maxChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  const parser = new SaxesParser({ xmlns: true, position: true });
  const path: string[] = [];
  // Open elements of the record being built; empty outside records.
  const stack: XmlElement[] = [];
  let recordChars = 0;
  let sawRoot = false;
  const ready: XmlElement[] = [];

  const fail = (code: 'malformed' | 'doctype' | 'bad-record', problem: string, element?: string): never => {
    throw new ListReadError(code, problem, {
      file,
      line: parser.line,
      column: parser.column,
      element: element === undefined ? undefined : `element <${element}>`,
    });
  };

  parser.on('error', (error) => {
    // saxes prefixes its messages with line:column; ours carry those separately.
    fail('malformed', `the XML is not well formed (${error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')})`);
  });
  parser.on('doctype', () => {
    fail(
      'doctype',
      'the file declares a DOCTYPE; list files have none, and a DOCTYPE can declare entities that expand without limit or read other files, so it is refused',
    );
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const name = tag.local;
    path.push(name);
    if (!sawRoot) {
      sawRoot = true;
      options.onRoot({ name, namespace: tag.uri, attrs: plainAttributes(tag), line: parser.line });
    }
    if (stack.length > 0 || options.isRecord(path)) {
      const element: XmlElement = { name, attrs: plainAttributes(tag), children: [], text: '', line: parser.line };
      for (const [key, value] of Object.entries(element.attrs)) recordChars += key.length + value.length;
      const parent = stack.at(-1);
      if (parent) parent.children.push(element);
      else recordChars = 0;
      stack.push(element);
      if (recordChars > maxChars) fail('bad-record', `a record is larger than ${maxChars} characters`, name);
    }
  });
  const onText = (text: string) => {
    const current = stack.at(-1);
    if (!current) return;
    current.text += text;
    recordChars += text.length;
    if (recordChars > maxChars) fail('bad-record', `a record is larger than ${maxChars} characters`, stack[0]?.name);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    path.pop();
    const element = stack.pop();
    if (element && stack.length === 0) ready.push(element);
  });

  for await (const chunk of input.chunks()) {
    parser.write(chunk);
    // Hand over what this chunk completed before reading the next one, so memory stays flat.
    while (ready.length > 0) yield ready.shift()!;
  }
  parser.close();
  while (ready.length > 0) yield ready.shift()!;
  if (!sawRoot) fail('malformed', 'the file holds no XML element');
}

function plainAttributes(tag: SaxesTagNS): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const attr of Object.values(tag.attributes)) {
    // Namespace declarations and xsi:* describe the document, not the record.
    if (attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
    attrs[attr.prefix && attr.prefix !== '' ? `${attr.prefix}:${attr.local}` : attr.local] = attr.value;
  }
  return attrs;
}

/** First child with this local name. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** Trimmed, whitespace-squashed text of the first child with this name; null when absent or blank. */
export function childText(element: XmlElement | undefined, name: string): string | null {
  if (!element) return null;
  const found = child(element, name);
  return found ? clean(found.text) : null;
}

/** Text of every `name` grandchild under each `list` child: childTexts(entry, 'programList', 'program'). */
export function listTexts(element: XmlElement, list: string, name: string): string[] {
  const out: string[] = [];
  for (const l of children(element, list)) {
    for (const item of children(l, name)) {
      const text = clean(item.text);
      if (text !== null) out.push(text);
    }
  }
  return out;
}

export function clean(text: string | undefined | null): string | null {
  if (text === undefined || text === null) return null;
  const squashed = text.replace(/\s+/g, ' ').trim();
  return squashed === '' ? null : squashed;
}

export function attr(element: XmlElement | undefined, name: string): string | null {
  if (!element) return null;
  return clean(element.attrs[name]);
}
