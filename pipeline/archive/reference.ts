/**
 * @fileoverview Archived documents as reference documents of the cross-document step: rebuilt from
 * the index's stored text by normalize → segment (no file read, no docx/pdf decoding, no checks).
 */
import { existsSync, realpathSync } from "node:fs";
import type { CorpusDocument } from "../checks/define-check.js";
import { normalize } from "../stages/normalize.js";
import { segment } from "../stages/segment.js";
import { profile, profileOf } from "../stages/profile.js";
import type { Segmenter } from "../segmenter/index.js";
import type { ArchivedDocument, ArchiveStore } from "./store.js";

/** A reference document from an archived one (unit/year/date as loadArchive in corpus-run.ts derives them). */
export function referenceDocument(a: ArchivedDocument, segmenter: Segmenter): CorpusDocument {
  const doc = profile(segment(normalize(a.raw), segmenter));
  const p = profileOf(doc);
  return {
    path: a.path,
    doc,
    unit: p.unit ?? a.path,
    reportYear: p.reportYear,
    publishedDate: p.postedDate ?? p.date,
    target: false,
  };
}

/**
 * Every archived document except those in `skip` (content hashes) and those archived under one of
 * `batchPaths` (a document checked from its archived place is not its own source).
 */
export function loadReference(store: ArchiveStore, segmenter: Segmenter, opts: { skipHashes?: ReadonlySet<string>; batchPaths?: readonly string[] } = {}): CorpusDocument[] {
  const batch = new Set((opts.batchPaths ?? []).map(real));
  const out: CorpusDocument[] = [];
  for (const a of store.documents()) {
    if (opts.skipHashes?.has(a.hash)) continue;
    if (batch.size && batch.has(real(a.path))) continue;
    out.push(referenceDocument(a, segmenter));
  }
  return out;
}

/** `report-qc check … --index DB`: the index as reference archive (opened read-only; a missing file is an error). */
export async function indexReference(path: string, batchPaths: readonly string[], segmenter: Segmenter): Promise<CorpusDocument[]> {
  if (!existsSync(path)) throw new Error(`archive index not found: ${path} (create it with report-qc audit DIR --index ${path})`);
  const { ArchiveStore } = await import("./store.js");
  const store = ArchiveStore.open(path, { readonly: true });
  try {
    return loadReference(store, segmenter, { batchPaths });
  } finally {
    store.close();
  }
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
