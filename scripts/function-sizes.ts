/**
 * npm run size:functions [-- dirs...] [--top N] [--over N] [--tests] [--json]
 *
 * Lists the largest functions (declarations, methods, arrow functions and function expressions)
 * by line count, largest first, so that "no function over about 150 lines" (issue 11) is a
 * number anyone can check before and after a change. A function's count includes the functions
 * nested in it: that is what a reader has to hold at once. Test files are left out unless
 * `--tests` is given (a `describe` block is a list, not a unit). `--over N` exits 1 when any
 * function is over N lines, for a check in CI. Default folders: app and components.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { runScript, UsageError } from './run-script';

const ROOT = path.resolve(import.meta.dirname, '..');
const SKIP_DIRS = new Set(['node_modules', '.next', 'migrations', 'test-results', 'playwright-report']);

export interface FunctionSize {
  file: string;
  name: string;
  line: number;
  lines: number;
}

interface Options {
  dirs: string[];
  top: number;
  over: number | null;
  tests: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { dirs: [], top: 20, over: null, tests: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--top' || arg === '--over') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) throw new UsageError(`${arg} needs a whole number, got "${argv[i] ?? ''}"`);
      if (arg === '--top') options.top = value;
      else options.over = value;
    } else if (arg === '--tests') options.tests = true;
    else if (arg === '--json') options.json = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else options.dirs.push(arg);
  }
  if (options.dirs.length === 0) options.dirs = ['app', 'components'];
  return options;
}

function sourceFiles(dir: string, tests: boolean): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) found.push(...sourceFiles(full, tests));
    } else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      if (tests || !/\.test\.tsx?$/.test(entry.name)) found.push(full);
    }
  }
  return found;
}

function nameOf(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText(source);
  }
  // A callback: name it by the call it is passed to, e.g. `items.map(callback)`.
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression.getText(source).replace(/\s+/g, ' ');
    return `${callee.length > 40 ? `${callee.slice(0, 37)}...` : callee}(callback)`;
  }
  if (ts.isExportAssignment(parent)) return 'default export';
  return '(anonymous)';
}

export function functionSizesOf(file: string, text: string): FunctionSize[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const sizes: FunctionSize[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const fn = node as ts.FunctionLikeDeclaration;
      const start = source.getLineAndCharacterOfPosition(fn.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(fn.getEnd()).line;
      sizes.push({ file, name: nameOf(fn, source), line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sizes;
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const sizes: FunctionSize[] = [];
  for (const dir of options.dirs) {
    const absolute = path.resolve(ROOT, dir);
    if (!fs.existsSync(absolute)) throw new UsageError(`no such file or folder: ${dir}`);
    const files = fs.statSync(absolute).isDirectory() ? sourceFiles(absolute, options.tests) : [absolute];
    for (const file of files) sizes.push(...functionSizesOf(path.relative(ROOT, file), fs.readFileSync(file, 'utf8')));
  }
  sizes.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.line - b.line);
  const shown = sizes.slice(0, options.top);
  if (options.json) console.log(JSON.stringify(shown, null, 2));
  else {
    console.log(`Largest of ${sizes.length} functions in ${options.dirs.join(', ')}${options.tests ? ' (tests included)' : ''}:`);
    for (const s of shown) console.log(`${String(s.lines).padStart(5)}  ${s.name}  ${s.file}:${s.line}`);
  }
  if (options.over !== null) {
    const over = sizes.filter((s) => s.lines > options.over!);
    if (over.length > 0) {
      console.error(`${over.length} ${over.length === 1 ? 'function is' : 'functions are'} over ${options.over} lines.`);
      process.exitCode = 1;
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) runScript(main);
