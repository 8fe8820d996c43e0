/**
 * @fileoverview The embedded archive index (issue 7 §2): one SQLite file (better-sqlite3, WAL mode)
 * holding every audited document's content hash, metadata and decoded text, and its per-document
 * check results keyed by (content sha256, rule-set hash, tool version).
 *
 * What the cross-document step needs is the decoded original text (stored deflated): archived
 * documents are rebuilt by normalize → segment from it, never re-read, re-decoded (docx/pdf) or
 * re-checked. See docs/scale.md ("Archive index") for why text rather than fingerprints.
 *
 * Writes are one transaction per document (document row + result row together), so a run killed
 * at any moment leaves only whole documents behind, and the next run picks up the rest.
 */
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { DocumentMeta, RawDocument } from "../model/document.js";
import type { DocumentResult, InputError } from "../model/finding.js";

/** The subset of the better-sqlite3 API used here (the package ships no types; @types is not installed). */
interface Statement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
}
interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}
type DatabaseCtor = new (path: string, options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number }) => Database;

const require = createRequire(import.meta.url);

export const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
  hash TEXT PRIMARY KEY,            -- sha256 of the file's bytes
  path TEXT NOT NULL,               -- last path it was audited under (a new version at the same path replaces it)
  format TEXT NOT NULL,
  encoding TEXT NOT NULL,
  unit TEXT, province TEXT, report_year INTEGER, published_date TEXT, title TEXT,
  chars INTEGER NOT NULL,
  raw_meta TEXT NOT NULL,           -- RawDocument.meta (reader + index.tsv), JSON
  original BLOB NOT NULL,           -- decoded original text, deflate-raw of UTF-8
  added_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE TABLE IF NOT EXISTS results (
  hash TEXT NOT NULL REFERENCES documents(hash),
  ruleset_hash TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  ruleset_id TEXT NOT NULL,
  input_meta TEXT NOT NULL,         -- index.tsv metadata the result was computed with, JSON
  result TEXT NOT NULL,             -- DocumentResult JSON (per-document checks only)
  errors TEXT NOT NULL,             -- InputError[] JSON (E_CHECK of a failing rule)
  created_at TEXT NOT NULL,
  PRIMARY KEY (hash, ruleset_hash, tool_version)
);
CREATE TABLE IF NOT EXISTS corpus_runs (
  key TEXT PRIMARY KEY,             -- sha256 over the batch + archive state (see audit.ts)
  output TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`;

export interface StoredResult {
  rulesetId: string;
  rulesetHash: string;
  inputMeta: string;
  result: DocumentResult;
  errors: InputError[];
}

export interface ArchivedDocument {
  hash: string;
  path: string;
  raw: RawDocument;
}

export class ArchiveStore {
  private constructor(
    readonly path: string,
    private readonly db: Database,
  ) {}

  /** Opens (creating when missing) the index at `path`. */
  static open(path: string, options: { readonly?: boolean } = {}): ArchiveStore {
    const Ctor = require("better-sqlite3") as DatabaseCtor;
    if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
    const db = new Ctor(path, { timeout: 10_000, ...(options.readonly ? { readonly: true, fileMustExist: true } : {}) });
    if (!options.readonly) {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL"); // WAL + NORMAL: a committed transaction survives a killed process
      db.exec(SCHEMA);
      const v = db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined;
      if (!v) db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(SCHEMA_VERSION);
      else if (v.version !== SCHEMA_VERSION) {
        db.close();
        throw new Error(`${path}: archive index schema version ${v.version}, this tool reads version ${SCHEMA_VERSION}`);
      }
    }
    return new ArchiveStore(path, db);
  }

  close(): void {
    this.db.close();
  }

  /** Results of a document under this tool version (one per rule-set hash seen). */
  results(hash: string, toolVersion: string): StoredResult[] {
    const rows = this.db.prepare("SELECT ruleset_id, ruleset_hash, input_meta, result, errors FROM results WHERE hash = ? AND tool_version = ?").all(hash, toolVersion) as {
      ruleset_id: string;
      ruleset_hash: string;
      input_meta: string;
      result: string;
      errors: string;
    }[];
    return rows.map((r) => ({ rulesetId: r.ruleset_id, rulesetHash: r.ruleset_hash, inputMeta: r.input_meta, result: JSON.parse(r.result) as DocumentResult, errors: JSON.parse(r.errors) as InputError[] }));
  }

  /** Records a document and its result in one transaction. */
  put(doc: { hash: string; raw: RawDocument; result: DocumentResult }, r: { rulesetHash: string; toolVersion: string; inputMeta: string; errors: InputError[] }): void {
    const now = new Date().toISOString();
    const d = doc.result;
    const original = deflateRawSync(Buffer.from(doc.raw.original, "utf8"));
    this.tx(() => {
      // A file changed in place supersedes its earlier version: the archive keeps one document per path.
      this.db.prepare("DELETE FROM results WHERE hash IN (SELECT hash FROM documents WHERE path = ? AND hash <> ?)").run(doc.raw.path, doc.hash);
      this.db.prepare("DELETE FROM documents WHERE path = ? AND hash <> ?").run(doc.raw.path, doc.hash);
      this.db
        .prepare(
          `INSERT INTO documents (hash, path, format, encoding, unit, province, report_year, published_date, title, chars, raw_meta, original, added_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(hash) DO UPDATE SET path = excluded.path, unit = excluded.unit, province = excluded.province,
             report_year = excluded.report_year, published_date = excluded.published_date, title = excluded.title, raw_meta = excluded.raw_meta`,
        )
        .run(doc.hash, doc.raw.path, doc.raw.format, doc.raw.encoding, d.unit, d.province, d.reportYear, d.publishedDate, d.title, d.chars, JSON.stringify(doc.raw.meta), original, now);
      this.db
        .prepare(
          `INSERT OR REPLACE INTO results (hash, ruleset_hash, tool_version, ruleset_id, input_meta, result, errors, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(doc.hash, r.rulesetHash, r.toolVersion, d.ruleset, r.inputMeta, JSON.stringify(d), JSON.stringify(r.errors), now);
    });
  }

  /** Records that an archived document now lives at `path` (a moved or renamed file). */
  touchPath(hash: string, path: string): void {
    this.db.prepare("UPDATE documents SET path = ? WHERE hash = ? AND path <> ?").run(path, hash, path);
  }

  /** Content hashes of every archived document. */
  hashes(): string[] {
    return (this.db.prepare("SELECT hash FROM documents ORDER BY hash").all() as { hash: string }[]).map((r) => r.hash);
  }

  /** One archived document, rebuilt as its RawDocument (under its archived path). */
  document(hash: string): ArchivedDocument | null {
    const row = this.db.prepare("SELECT hash, path, format, encoding, raw_meta, original FROM documents WHERE hash = ?").get(hash) as DocRow | undefined;
    return row ? toArchived(row) : null;
  }

  /** Every archived document (streamed from the database). */
  *documents(): IterableIterator<ArchivedDocument> {
    for (const row of this.db.prepare("SELECT hash, path, format, encoding, raw_meta, original FROM documents ORDER BY path, hash").iterate()) yield toArchived(row as DocRow);
  }

  corpusRun(key: string): unknown {
    const row = this.db.prepare("SELECT output FROM corpus_runs WHERE key = ?").get(key) as { output: string } | undefined;
    return row ? JSON.parse(row.output) : undefined;
  }

  putCorpusRun(key: string, output: unknown): void {
    this.tx(() => {
      // Only the latest batch state is worth keeping.
      this.db.prepare("DELETE FROM corpus_runs").run();
      this.db.prepare("INSERT INTO corpus_runs (key, output, created_at) VALUES (?, ?, ?)").run(key, JSON.stringify(output), new Date().toISOString());
    });
  }

  counts(): { documents: number; results: number } {
    const n = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    return { documents: n("SELECT count(*) AS n FROM documents"), results: n("SELECT count(*) AS n FROM results") };
  }

  private tx(fn: () => void): void {
    this.db.transaction(fn)();
  }
}

interface DocRow {
  hash: string;
  path: string;
  format: string;
  encoding: string;
  raw_meta: string;
  original: Buffer;
}

function toArchived(row: DocRow): ArchivedDocument {
  const meta = JSON.parse(row.raw_meta) as DocumentMeta;
  const original = inflateRawSync(row.original).toString("utf8");
  return { hash: row.hash, path: row.path, raw: { path: row.path, format: row.format, encoding: row.encoding, original, meta } };
}
