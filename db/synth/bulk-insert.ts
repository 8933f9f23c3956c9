/**
 * Multi-row INSERT for bulk loads: rows are buffered and written `chunk` at a time through one
 * prepared `INSERT ... VALUES (...), (...), ...`, which costs about a third of one statement call
 * per row (docs/performance.md, "Measurements behind the code").
 */
import type Database from 'better-sqlite3';

type Value = string | number | null;

export class BulkInsert {
  private readonly values: Value[] = [];
  private readonly full: Database.Statement;
  private readonly width: number;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly chunk = 64,
  ) {
    this.width = columns.length;
    this.full = this.statement(chunk);
  }

  private statement(rows: number): Database.Statement {
    const row = `(${this.columns.map(() => '?').join(', ')})`;
    return this.sqlite.prepare(
      `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`,
    );
  }

  /** Adds one row: as many values as columns, in column order. */
  push(...row: Value[]): void {
    if (row.length !== this.width) throw new Error(`${this.table}: expected ${this.width} values, got ${row.length}`);
    for (const v of row) this.values.push(v);
    if (this.values.length === this.width * this.chunk) {
      this.full.run(this.values);
      this.values.length = 0;
    }
  }

  /** Writes the buffered rows; call before COMMIT. */
  flush(): void {
    const rows = this.values.length / this.width;
    if (rows === 0) return;
    this.statement(rows).run(this.values);
    this.values.length = 0;
  }
}
