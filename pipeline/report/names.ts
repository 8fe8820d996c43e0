/**
 * @fileoverview Output file names per document: the input's base name, made unique within a batch.
 */
import { basename, extname } from "node:path";

/** Stable, unique output stems for a list of input paths (same order). */
export function outputStems(paths: string[]): string[] {
  const used = new Map<string, number>();
  return paths.map((p) => {
    const stem = basename(p, extname(p)).replace(/[\\/:*?"<>|\s]+/g, "_") || "document";
    const n = (used.get(stem) ?? 0) + 1;
    used.set(stem, n);
    return n === 1 ? stem : `${stem}-${n}`;
  });
}
