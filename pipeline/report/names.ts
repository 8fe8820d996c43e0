/**
 * @fileoverview Output file names per document: the input's base name, made unique within a batch.
 */
import { basename, extname } from "node:path";

/** Stems of the batch-level outputs, never used for a document. */
const RESERVED_STEMS = new Set(["index", "summary"]);

/** Stable, unique output stems for a list of input paths (same order). */
export function outputStems(paths: string[]): string[] {
  // The batch files (index.json/html, summary.md) own these stems: a document named index.txt gets index-2.
  const used = new Set(RESERVED_STEMS);
  return paths.map((p) => {
    const stem = basename(p, extname(p)).replace(/[\\/:*?"<>|\s]+/g, "_") || "document";
    let candidate = stem;
    // Compared case-insensitively: INDEX.html would overwrite index.html on macOS/Windows file systems.
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}
