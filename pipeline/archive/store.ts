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
 *
 * Damage (issue 14 §7): a file that is not a database, or SQLite reporting corruption, is an
 * {@link IndexDamagedError} naming the file and `audit --rebuild-index`. A row that cannot be decoded
 * (bad JSON, bad deflate data) is a cache miss: `results()`/`document()` skip it, the document is
 * checked again and its rows overwritten. `check --index` opens the file immutable when no writer's
 * WAL is beside it, so reading never creates `-wal`/`-shm` files.
 */
import { createRequire } from "node:module";
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
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

/**
 * better-sqlite3 reads SQLITE_USE_URI once, when its addon loads (first `new Database`): with it, a
 * `file:…?immutable=1` name opens a file without locks or WAL side files; plain paths are unaffected.
 */
function sqlite(): DatabaseCtor {
  process.env.SQLITE_USE_URI ??= "1";
  return require("better-sqlite3") as DatabaseCtor;
}

/** SQLite result codes that mean the file is damaged or not a database. */
const DAMAGE_CODES = new Set(["SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_CORRUPT_INDEX", "SQLITE_CORRUPT_SEQUENCE", "SQLITE_CORRUPT_VTAB", "SQLITE_IOERR_SHORT_READ"]);

/** The archive index file is damaged: the message names it and the way out. */
export class IndexDamagedError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(
      `归档索引已损坏：${path}（${reason}）；可用 report-qc audit <目录…> --index ${path} --rebuild-index 重建 / ` +
        `archive index damaged: ${path} (${reason}); rebuild it with report-qc audit <dirs…> --index ${path} --rebuild-index`,
    );
  }
}

function isDamage(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? "";
  return DAMAGE_CODES.has(code) || code.startsWith("SQLITE_CORRUPT") || /file is not a database|malformed/i.test((e as Error)?.message ?? "");
}

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

  /**
   * Opens (creating when missing) the index at `path`. Read-only: opened immutable (no lock, no
   * `-wal`/`-shm` created) unless a `-wal` file shows a writer that may hold uncheckpointed rows.
   * @throws IndexDamagedError when the file is not a database or is corrupt.
   */
  static open(path: string, options: { readonly?: boolean } = {}): ArchiveStore {
    const Ctor = sqlite();
    let db: Database | undefined;
    try {
      if (options.readonly) {
        db = existsSync(`${path}-wal`) ? new Ctor(path, { readonly: true, fileMustExist: true, timeout: 10_000 }) : openImmutable(Ctor, path);
        // The first read is where SQLite finds out that a file is not a database.
        db.prepare("SELECT count(*) FROM sqlite_master").get();
        return new ArchiveStore(path, db);
      }
      mkdirSync(dirname(path), { recursive: true });
      db = new Ctor(path, { timeout: 10_000 });
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL"); // WAL + NORMAL: a committed transaction survives a killed process
      db.exec(SCHEMA);
      const v = db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined;
      if (!v) db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(SCHEMA_VERSION);
      else if (v.version !== SCHEMA_VERSION) {
        db.close();
        throw new Error(`${path}: archive index schema version ${v.version}, this tool reads version ${SCHEMA_VERSION}`);
      }
      return new ArchiveStore(path, db);
    } catch (e) {
      if (!isDamage(e)) throw e;
      try {
        db?.close();
      } catch {
        // closing a damaged handle may fail too
      }
      throw new IndexDamagedError(path, (e as Error).message);
    }
  }

  /**
   * `audit --rebuild-index`: moves the index (and its -wal/-shm) aside as `<path>.damaged-<time>`,
   * creates a fresh one and copies over every row of the old one that still reads (documents whose
   * text inflates, results whose JSON parses); corpus_runs are not kept. Stops salvaging at the first
   * page SQLite reports as corrupt. Returns what was kept.
   */
  static rebuild(path: string): { store: ArchiveStore; movedTo: string | null; documents: number; results: number; unreadable: number } {
    if (!existsSync(path)) return { store: ArchiveStore.open(path), movedTo: null, documents: 0, results: 0, unreadable: 0 };
    const movedTo = `${path}.damaged-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(path, movedTo);
    for (const side of ["-wal", "-shm"]) if (existsSync(path + side)) renameSync(path + side, movedTo + side);
    const store = ArchiveStore.open(path);
    let documents = 0;
    let results = 0;
    let unreadable = 0;
    let old: Database | undefined;
    try {
      old = new (sqlite())(movedTo, { readonly: true, fileMustExist: true });
      const insertDoc = store.db.prepare(
        `INSERT OR REPLACE INTO documents (hash, path, format, encoding, unit, province, report_year, published_date, title, chars, raw_meta, original, added_at)
         VALUES (@hash, @path, @format, @encoding, @unit, @province, @report_year, @published_date, @title, @chars, @raw_meta, @original, @added_at)`,
      );
      const kept = new Set<string>();
      for (const row of old.prepare("SELECT * FROM documents").iterate()) {
        const r = row as DocRow & Record<string, unknown>;
        if (!decodeDocument(r)) {
          unreadable++;
          continue;
        }
        insertDoc.run(r);
        kept.add(r.hash);
        documents++;
      }
      const insertResult = store.db.prepare(
        `INSERT OR REPLACE INTO results (hash, ruleset_hash, tool_version, ruleset_id, input_meta, result, errors, created_at)
         VALUES (@hash, @ruleset_hash, @tool_version, @ruleset_id, @input_meta, @result, @errors, @created_at)`,
      );
      for (const row of old.prepare("SELECT * FROM results").iterate()) {
        const r = row as ResultRow & { hash: string; tool_version: string; created_at: string };
        if (!kept.has(r.hash) || !decodeResult(r)) {
          unreadable++;
          continue;
        }
        insertResult.run(r);
        results++;
      }
    } catch (e) {
      // Not a database at all, or a corrupt page: keep what was copied so far.
      if (!isDamage(e) && !/no such table/i.test((e as Error).message)) {
        store.close();
        throw e;
      }
    } finally {
      try {
        old?.close();
      } catch {
        // a damaged handle
      }
    }
    return { store, movedTo, documents, results, unreadable };
  }

  /** Rows skipped because they could not be decoded (cache misses), since the store was opened. */
  unreadableRows = 0;

  close(): void {
    this.db.close();
  }

  /** Results of a document under this tool version (one per rule-set hash seen); a row that does not decode is left out (a cache miss). */
  results(hash: string, toolVersion: string): StoredResult[] {
    const rows = this.guard(() => this.db.prepare("SELECT ruleset_id, ruleset_hash, input_meta, result, errors FROM results WHERE hash = ? AND tool_version = ?").all(hash, toolVersion) as ResultRow[]);
    return rows.flatMap((r) => {
      const decoded = decodeResult(r);
      if (!decoded) this.unreadableRows++;
      return decoded ? [decoded] : [];
    });
  }

  /** Records a document and its result in one transaction. */
  put(doc: { hash: string; raw: RawDocument; result: DocumentResult }, r: { rulesetHash: string; toolVersion: string; inputMeta: string; errors: InputError[] }): void {
    const now = new Date().toISOString();
    const d = doc.result;
    const original = deflateRawSync(Buffer.from(doc.raw.original, "utf8"));
    // A row that did not decode is overwritten whole: the document row (its text too) and the result row.
    this.tx(() => {
      // A file changed in place supersedes its earlier version: the archive keeps one document per path.
      this.db.prepare("DELETE FROM results WHERE hash IN (SELECT hash FROM documents WHERE path = ? AND hash <> ?)").run(doc.raw.path, doc.hash);
      this.db.prepare("DELETE FROM documents WHERE path = ? AND hash <> ?").run(doc.raw.path, doc.hash);
      this.db
        .prepare(
          `INSERT INTO documents (hash, path, format, encoding, unit, province, report_year, published_date, title, chars, raw_meta, original, added_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(hash) DO UPDATE SET path = excluded.path, format = excluded.format, encoding = excluded.encoding, unit = excluded.unit,
             province = excluded.province, report_year = excluded.report_year, published_date = excluded.published_date, title = excluded.title,
             chars = excluded.chars, raw_meta = excluded.raw_meta, original = excluded.original`,
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
    this.guard(() => this.db.prepare("UPDATE documents SET path = ? WHERE hash = ? AND path <> ?").run(path, hash, path));
  }

  /** Content hashes of every archived document. */
  hashes(): string[] {
    return this.guard(() => (this.db.prepare("SELECT hash FROM documents ORDER BY hash").all() as { hash: string }[]).map((r) => r.hash));
  }

  /** One archived document, rebuilt as its RawDocument (under its archived path); null when missing or unreadable. */
  document(hash: string): ArchivedDocument | null {
    const row = this.guard(() => this.db.prepare("SELECT hash, path, format, encoding, raw_meta, original FROM documents WHERE hash = ?").get(hash) as DocRow | undefined);
    if (!row) return null;
    const a = decodeDocument(row);
    if (!a) this.unreadableRows++;
    return a;
  }

  /** Every archived document (streamed from the database); `onUnreadable` hears of rows that do not decode (skipped). */
  *documents(onUnreadable?: (path: string, hash: string) => void): IterableIterator<ArchivedDocument> {
    const it = this.guard(() => this.db.prepare("SELECT hash, path, format, encoding, raw_meta, original FROM documents ORDER BY path, hash").iterate());
    for (;;) {
      const next = this.guard(() => it.next());
      if (next.done) return;
      const row = next.value as DocRow;
      const a = decodeDocument(row);
      if (a) yield a;
      else {
        this.unreadableRows++;
        onUnreadable?.(row.path, row.hash);
      }
    }
  }

  /** The stored corpus-step output for `key`; undefined when missing or unreadable (computed again). */
  corpusRun(key: string): unknown {
    const row = this.guard(() => this.db.prepare("SELECT output FROM corpus_runs WHERE key = ?").get(key) as { output: string } | undefined);
    try {
      return row ? JSON.parse(row.output) : undefined;
    } catch {
      this.unreadableRows++;
      return undefined;
    }
  }

  putCorpusRun(key: string, output: unknown): void {
    this.tx(() => {
      // Only the latest batch state is worth keeping.
      this.db.prepare("DELETE FROM corpus_runs").run();
      this.db.prepare("INSERT INTO corpus_runs (key, output, created_at) VALUES (?, ?, ?)").run(key, JSON.stringify(output), new Date().toISOString());
    });
  }

  counts(): { documents: number; results: number } {
    const n = (sql: string) => this.guard(() => (this.db.prepare(sql).get() as { n: number }).n);
    return { documents: n("SELECT count(*) AS n FROM documents"), results: n("SELECT count(*) AS n FROM results") };
  }

  private tx(fn: () => void): void {
    this.guard(() => this.db.transaction(fn)());
  }

  /** SQLite's corruption errors, with the file named. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (isDamage(e)) throw new IndexDamagedError(this.path, (e as Error).message);
      throw e;
    }
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

interface ResultRow {
  ruleset_id: string;
  ruleset_hash: string;
  input_meta: string;
  result: string;
  errors: string;
}

/** A stored result, or null when its JSON does not parse (a damaged row). */
function decodeResult(r: ResultRow): StoredResult | null {
  try {
    const result = JSON.parse(r.result) as DocumentResult;
    const errors = JSON.parse(r.errors) as InputError[];
    if (!result || typeof result !== "object" || !Array.isArray(result.findings) || !Array.isArray(errors)) return null;
    return { rulesetId: r.ruleset_id, rulesetHash: r.ruleset_hash, inputMeta: r.input_meta, result, errors };
  } catch {
    return null;
  }
}

/** An archived document, or null when its text does not inflate or its metadata does not parse. */
function decodeDocument(row: DocRow): ArchivedDocument | null {
  try {
    const meta = JSON.parse(row.raw_meta) as DocumentMeta;
    if (!Buffer.isBuffer(row.original)) return null;
    const original = inflateRawSync(row.original).toString("utf8");
    return { hash: row.hash, path: row.path, raw: { path: row.path, format: row.format, encoding: row.encoding, original, meta } };
  } catch {
    return null;
  }
}

/** A file: URI that opens `path` read-only and immutable (needs SQLITE_USE_URI, see sqlite()); plain read-only when URIs are off. */
function openImmutable(Ctor: DatabaseCtor, path: string): Database {
  try {
    return new Ctor(`${pathToFileURL(resolve(path)).href}?immutable=1`, { readonly: true, fileMustExist: true });
  } catch (e) {
    if (isDamage(e)) throw e;
    // better-sqlite3 was loaded before SQLITE_USE_URI was set (by another caller): the URI is not understood.
    return new Ctor(path, { readonly: true, fileMustExist: true, timeout: 10_000 });
  }
}
