/**
 * An RFC 4180 reader we did not write, for checking our CSV: Python's `csv` module with
 * `strict=True`, in one long-lived `python3` process so that a property test can ask it hundreds of
 * times without paying for a start each time. Our own tests once read exports back with
 * csv-parse, which tolerated a record split by a bare line break; a strict reader does not.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';

const READER = String.raw`
import csv, io, json, sys
inp, out = sys.stdin.buffer, sys.stdout
while True:
    header = inp.readline()
    if not header:
        break
    data = inp.read(int(header))
    try:
        text = data.decode('utf-8-sig')
        rows = list(csv.reader(io.StringIO(text, newline=''), strict=True))
        out.write(json.dumps({'ok': True, 'rows': rows}) + '\n')
    except Exception as e:
        out.write(json.dumps({'ok': False, 'error': type(e).__name__ + ': ' + str(e)}) + '\n')
    out.flush()
`;

export type StrictReadResult = { ok: true; rows: string[][] } | { ok: false; error: string };

/** Says plainly what is missing rather than letting a test skip: CI must have Python 3. */
export function requirePython(): void {
  const probe = spawnSync('python3', ['-c', 'import csv'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`python3 is needed to check CSV files with a strict RFC 4180 reader (Python's csv module): ${probe.error?.message ?? probe.stderr}`);
  }
}

export class StrictCsvReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffered = '';
  private readonly waiting: ((line: string) => void)[] = [];

  constructor() {
    requirePython();
    this.child = spawn('python3', ['-c', READER], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.buffered += chunk;
      let end: number;
      while ((end = this.buffered.indexOf('\n')) >= 0) {
        const line = this.buffered.slice(0, end);
        this.buffered = this.buffered.slice(end + 1);
        this.waiting.shift()?.(line);
      }
    });
  }

  /** Parses the bytes of a CSV file (a UTF-8 byte-order mark is skipped). */
  read(csv: string | Uint8Array): Promise<StrictReadResult> {
    const bytes = typeof csv === 'string' ? Buffer.from(csv, 'utf8') : Buffer.from(csv);
    return new Promise((resolve) => {
      this.waiting.push((line) => resolve(JSON.parse(line) as StrictReadResult));
      this.child.stdin.write(`${bytes.byteLength}\n`);
      this.child.stdin.write(bytes);
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}
