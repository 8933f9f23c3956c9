/**
 * Why a list file was refused. Every refusal names the file and, where there is one, the line and
 * the element or field, in words a person can act on ("sdn.xml, line 12: ...").
 */
export type ListReadErrorCode =
  | 'too-large'
  | 'malformed'
  | 'doctype'
  | 'wrong-format'
  | 'encoding'
  | 'bad-line'
  | 'bad-record'
  | 'duplicate-key'
  | 'count-mismatch'
  | 'empty';

export interface ListReadErrorDetails {
  file: string;
  line?: number;
  column?: number;
  /** Element or field the problem is in, as it should read in the message: "element <sdnEntry>", "column 4 (Program)". */
  element?: string;
}

export class ListReadError extends Error {
  readonly code: ListReadErrorCode;
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly element: string | undefined;

  constructor(code: ListReadErrorCode, problem: string, details: ListReadErrorDetails) {
    const where = [details.file];
    if (details.line !== undefined) where.push(`line ${details.line}`);
    if (details.element !== undefined) where.push(details.element);
    super(`${where.join(', ')}: ${problem}`);
    this.name = 'ListReadError';
    this.code = code;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.element = details.element;
  }
}
