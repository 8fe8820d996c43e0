/**
 * @fileoverview `report-qc audit DIR…`: adds every document to the archive index and checks only what
 * changed.
 *
 * 1. Per document: sha256 of the file's bytes. A stored result for (hash, tool version) whose rule
 *    set still has the same hash, computed with the same index.tsv metadata, is reused as it is;
 *    otherwise the document goes through ingest → normalize → segment → check (run.ts processFile)
 *    and its document row and result row are written in ONE transaction. A killed run therefore
 *    leaves whole documents only; the next run reuses them and processes the rest.
 * 2. Batch: the corpus checks (cross-document copy, boilerplate) over the audited documents plus
 *    every other archived document. Their output depends on the whole archive, so it is cached
 *    separately (corpus_runs), keyed by the state of the batch and the archive; unchanged inputs
 *    reuse it and segment nothing.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import PQueue from "p-queue";
import type { DocumentResult, InputError, ReportModel } from "../model/finding.js";
import { expandInputs, IndexTsvCache } from "../inputs.js";
import { prepareRun, processFile, toInputError, type ProcessedDocument, type RunOptions } from "../run.js";
import { attachCorpusSummary, runCorpusStep } from "../corpus-run.js";
import type { CorpusSummary } from "../report/corpus-summary.js";
import { normalize } from "../stages/normalize.js";
import { segment } from "../stages/segment.js";
import { profile } from "../stages/profile.js";
import { PACKAGE_ROOT, TOOL } from "../version.js";
import { ArchiveStore } from "./store.js";
import { loadReference, unreadableRowError } from "./reference.js";
import { readRegularFile } from "../files.js";
import { DEFAULT_MAX_BYTES } from "../stages/ingest.js";

export interface AuditOptions extends Omit<RunOptions, "corpus"> {
  /** The archive index file. */
  index: string;
  /** Move the index aside and start a new one with whatever of it still reads (`audit --rebuild-index`). */
  rebuildIndex?: boolean;
}

export interface AuditStats {
  /** Documents checked in this run. */
  processed: number;
  /** Documents whose stored result was reused. */
  unchanged: number;
  /** Files that could not be read (in model.errors). */
  failed: number;
  /** True when the corpus step's stored output was reused. */
  corpusCached: boolean;
  /** Index rows that did not decode: their documents were checked again (or, archived only, skipped). */
  unreadableRows: number;
  /** With rebuildIndex: where the old index went and what was kept of it. */
  rebuilt?: { movedTo: string | null; documents: number; results: number; unreadable: number };
  ms: number;
}

interface Slot {
  hash: string;
  rulesetHash: string;
  inputMeta: string;
  result: DocumentResult;
  /** Present when processed in this run. */
  processed?: ProcessedDocument;
}

interface CorpusOutput {
  documents: DocumentResult[];
  summary: CorpusSummary | null;
}

export async function runAudit(inputs: string[], options: AuditOptions): Promise<{ model: ReportModel; processed: ProcessedDocument[]; stats: AuditStats }> {
  const started = performance.now();
  const res = prepareRun(options);
  const rulesetHash = new Map(res.rules.ruleSets().map((r) => [r.id, r.hash]));
  let rebuilt: AuditStats["rebuilt"];
  let store: ArchiveStore;
  if (options.rebuildIndex) {
    const r = ArchiveStore.rebuild(options.index);
    store = r.store;
    rebuilt = { movedTo: r.movedTo, documents: r.documents, results: r.results, unreadable: r.unreadable };
  } else store = ArchiveStore.open(options.index);
  const toolVersion = toolKey();
  try {
    const { files, errors } = await expandInputs(inputs);
    const metaCache = new IndexTsvCache();
    const concurrency = options.concurrency ?? 4;
    const queue = new PQueue({ concurrency });
    const slots: (Slot | undefined)[] = new Array(files.length);
    const fileErrors: InputError[][] = files.map(() => []);
    const stats: AuditStats = { processed: 0, unchanged: 0, failed: 0, corpusCached: false, unreadableRows: 0, ...(rebuilt ? { rebuilt } : {}), ms: 0 };
    let done = 0;
    for (let i = 0; i < files.length; i++) {
      await queue.onSizeLessThan(concurrency * 2);
      const path = files[i]!;
      void queue.add(async () => {
        try {
          const meta = await metaCache.metaFor(path);
          const inputMeta = JSON.stringify(meta);
          const hash = await contentHash(path, options.maxBytes);
          const hit = hash ? store.results(hash, toolVersion).find((r) => rulesetHash.get(r.rulesetId) === r.rulesetHash && r.inputMeta === inputMeta) : undefined;
          if (hash && hit) {
            store.touchPath(hash, path);
            slots[i] = { hash, rulesetHash: hit.rulesetHash, inputMeta, result: { ...hit.result, path } };
            fileErrors[i]!.push(...hit.errors.map((e) => ({ ...e, path })));
            stats.unchanged++;
            return;
          }
          const { processed, errors: errs } = await processFile(path, res, meta);
          const rsHash = rulesetHash.get(processed.result.ruleset) ?? "";
          const h = hash ?? sha256(processed.segmented.normalized.raw.original);
          store.put({ hash: h, raw: processed.segmented.normalized.raw, result: processed.result }, { rulesetHash: rsHash, toolVersion, inputMeta, errors: errs });
          slots[i] = { hash: h, rulesetHash: rsHash, inputMeta, result: processed.result, processed };
          fileErrors[i]!.push(...errs);
          stats.processed++;
        } catch (e) {
          fileErrors[i]!.push(toInputError(path, e, options.lang));
          stats.failed++;
        } finally {
          options.onProgress?.(++done, files.length, path);
        }
      });
    }
    await queue.onIdle();
    const kept = slots.filter((s): s is Slot => s !== undefined);

    // Corpus step, cached by the state of the batch and the archive.
    const inBatch = new Set(kept.map((s) => s.hash));
    const others = store.hashes().filter((h) => !inBatch.has(h));
    const key = sha256(
      JSON.stringify({
        tool: toolVersion,
        lang: options.lang,
        segmenter: options.segmenter,
        rules: [...rulesetHash].sort(),
        batch: kept.map((s) => [s.hash, s.rulesetHash, s.inputMeta, s.result.path]),
        archive: others,
      }),
    );
    let documents: DocumentResult[];
    let summary: CorpusSummary | null;
    const extraErrors: InputError[] = [];
    const cached = store.corpusRun(key) as CorpusOutput | undefined;
    if (cached && cached.documents.length === kept.length) {
      stats.corpusCached = true;
      documents = cached.documents;
      summary = cached.summary;
    } else {
      // Documents reused from the index are rebuilt from their stored text (no file read, no checks).
      const processed: ProcessedDocument[] = [];
      for (const [i, s] of kept.entries()) {
        if (s.processed) {
          processed.push(s.processed);
          continue;
        }
        const a = store.document(s.hash);
        if (a) {
          const raw = { ...a.raw, path: s.result.path };
          processed.push({ result: structuredClone(s.result), segmented: profile(segment(normalize(raw), res.segmenter), { provinceOf: (t) => res.rules.provinceOf(t) }) });
          continue;
        }
        // Its stored text does not decode (a damaged row): check the file again and overwrite the rows.
        try {
          const again = await processFile(s.result.path, res, JSON.parse(s.inputMeta) as Parameters<typeof processFile>[2]);
          store.put({ hash: s.hash, raw: again.processed.segmented.normalized.raw, result: again.processed.result }, { rulesetHash: s.rulesetHash, toolVersion, inputMeta: s.inputMeta, errors: again.errors });
          kept[i] = { ...s, result: again.processed.result, processed: again.processed };
          processed.push(again.processed);
          stats.unchanged--;
          stats.processed++;
        } catch (e) {
          extraErrors.push(toInputError(s.result.path, e, options.lang));
          stats.failed++;
        }
      }
      summary = await runCorpusStep(processed, res, false, {
        label: options.index,
        load: async () =>
          loadReference(store, res.segmenter, {
            skipHashes: inBatch,
            // An archived document (not in this run) whose row does not decode cannot be checked again here: named, skipped.
            onUnreadable: (path) => extraErrors.push(unreadableRowError(path, options.index, options.lang)),
          }),
      });
      documents = processed.map((p) => p.result);
      store.putCorpusRun(key, { documents, summary } satisfies CorpusOutput);
    }
    const model: ReportModel = { schemaVersion: 1, tool: TOOL, documents, errors: [...errors, ...fileErrors.flat(), ...extraErrors] };
    attachCorpusSummary(model, summary);
    // Rows of this run's documents (checked again); archived-only ones are W_INDEX_ROW entries instead.
    stats.unreadableRows = store.unreadableRows - extraErrors.filter((e) => e.code === "W_INDEX_ROW").length;
    stats.ms = Math.round(performance.now() - started);
    return { model, processed: kept.flatMap((s) => (s.processed ? [s.processed] : [])), stats };
  } finally {
    store.close();
  }
}

/**
 * The tool version of the result key: package version plus a hash of the pipeline's code (the compiled
 * .js files, or the .ts sources under vitest) and of rules/ (rule sets and the knowledge base they
 * load), so a changed check invalidates stored results even when the package version was not bumped
 * (every commit between releases is 0.1.0). A few tens of ms.
 */
export function toolKey(): string {
  const h = createHash("sha256");
  let root = "";
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(js|ts|json|ya?ml)$/.test(e.name) && !e.name.endsWith(".d.ts")) h.update(p.slice(root.length)).update(readFileSync(p));
    }
  };
  for (const dir of [join(dirname(fileURLToPath(import.meta.url)), ".."), join(PACKAGE_ROOT, "rules")]) {
    root = dir;
    walk(dir);
  }
  return `${TOOL.version}+${h.digest("hex").slice(0, 12)}`;
}

/** sha256 of the file's bytes; null when the file cannot be read or is over the size limit (processFile then reports why). */
async function contentHash(path: string, maxBytes?: number): Promise<string | null> {
  try {
    // Bounded, regular files only: a file swapped for a FIFO or device after the scan must not hang the hash.
    return createHash("sha256").update(await readRegularFile(path, maxBytes ?? DEFAULT_MAX_BYTES)).digest("hex");
  } catch {
    return null;
  }
}

function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}
