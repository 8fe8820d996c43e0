/**
 * @fileoverview Output file names per document: the input's base name, made unique within a batch,
 * and short enough for every file system once `-N` and `.json`/`.html` are added.
 */
import { createHash } from "node:crypto";
import { basename, extname } from "node:path";

/** Stems of the batch-level outputs, never used for a document. */
const RESERVED_STEMS = new Set(["index", "summary"]);

/**
 * Longest stem kept as it is, in UTF-8 bytes. File names are limited to 255 bytes (ext4, APFS, NTFS in
 * UTF-16 units; eCryptfs 143): a 255-byte input name plus `.json` would fail with ENAMETOOLONG and, in
 * the middle of writing a batch, lose index.json and everything after it.
 */
export const MAX_STEM_BYTES = 120;

/** Stable, unique output stems for a list of input paths (same order). */
export function outputStems(paths: string[]): string[] {
  // The batch files (index.json/html, summary.md) own these stems: a document named index.txt gets index-2.
  const used = new Set(RESERVED_STEMS);
  return paths.map((p) => {
    const stem = shortStem(basename(p, extname(p)).replace(/[\\/:*?"<>|\s]+/g, "_") || "document");
    let candidate = stem;
    // Compared case-insensitively: INDEX.html would overwrite index.html on macOS/Windows file systems.
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

/**
 * A stem over MAX_STEM_BYTES becomes its first ~100 bytes (whole characters) + `~` + 10 hex digits of
 * the sha256 of the whole stem: still recognisable, stable across runs, distinct for distinct names.
 */
export function shortStem(stem: string): string {
  if (Buffer.byteLength(stem, "utf8") <= MAX_STEM_BYTES) return stem;
  const hash = createHash("sha256").update(stem, "utf8").digest("hex").slice(0, 10);
  let head = "";
  let bytes = 0;
  for (const ch of stem) {
    const n = Buffer.byteLength(ch, "utf8");
    if (bytes + n > MAX_STEM_BYTES - 11) break;
    head += ch;
    bytes += n;
  }
  return `${head}~${hash}`;
}
