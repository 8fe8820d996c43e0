/**
 * @fileoverview Archived documents as reference documents of the cross-document step: rebuilt from
 * the index's stored text by normalize → segment (no file read, no docx/pdf decoding, no checks).
 */
import { existsSync, realpathSync } from "node:fs";
import type { CorpusDocument } from "../checks/define-check.js";
import type { InputError, Lang } from "../model/finding.js";
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
export function loadReference(
  store: ArchiveStore,
  segmenter: Segmenter,
  opts: { skipHashes?: ReadonlySet<string>; batchPaths?: readonly string[]; onUnreadable?: (path: string, hash: string) => void } = {},
): CorpusDocument[] {
  const batch = new Set((opts.batchPaths ?? []).map(real));
  const out: CorpusDocument[] = [];
  for (const a of store.documents(opts.onUnreadable)) {
    if (opts.skipHashes?.has(a.hash)) continue;
    if (batch.size && batch.has(real(a.path))) continue;
    out.push(referenceDocument(a, segmenter));
  }
  return out;
}

/** `report-qc check … --index DB`: the index as reference archive (opened read-only; a missing file is an error). */
export async function indexReference(path: string, batchPaths: readonly string[], segmenter: Segmenter, onUnreadable?: (path: string, hash: string) => void): Promise<CorpusDocument[]> {
  if (!existsSync(path)) throw new Error(`archive index not found: ${path} (create it with report-qc audit DIR --index ${path})`);
  const { ArchiveStore } = await import("./store.js");
  const store = ArchiveStore.open(path, { readonly: true });
  try {
    return loadReference(store, segmenter, { batchPaths, ...(onUnreadable ? { onUnreadable } : {}) });
  } finally {
    store.close();
  }
}

/** The `errors` entry of an archived document whose stored text does not decode (left out of the comparison). */
export function unreadableRowError(path: string, index: string, lang: Lang): InputError {
  return {
    path,
    code: "W_INDEX_ROW",
    message:
      lang === "en"
        ? `archived text unreadable in ${index}: left out of the cross-document comparison; audit the file again or use audit --rebuild-index`
        : `归档索引 ${index} 中该文档的文字无法读取：未参与跨文档比对；请重新审计该文件或使用 audit --rebuild-index`,
  };
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
