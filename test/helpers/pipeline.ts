/**
 * Test helpers: run the real stages on a string or a corpus file.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RawDocument, SegmentedDocument } from "../../pipeline/model/document.js";
import { normalize } from "../../pipeline/stages/normalize.js";
import { segment } from "../../pipeline/stages/segment.js";
import { createSegmenter } from "../../pipeline/segmenter/index.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CORPUS = fileURLToPath(new URL("../../corpus/", import.meta.url));
export const SEEDS = [
  "000_c49e41131fdb983c.txt",
  "001_fd56e537edcebdc8.txt",
  "002_88355d0e2550c175.txt",
  "003_8388e48a1664613c.txt",
  "004_b7fad94994891559.txt",
] as const;

export function seedText(name: string): string {
  return readFileSync(CORPUS + name, "utf8");
}

export function rawDoc(text: string, path = "test.txt"): RawDocument {
  return { path, format: "txt", encoding: "utf-8", original: text, meta: {} };
}

export function segmentText(text: string, path = "test.txt", segmenter: "node-rs" | "nodejieba" = "node-rs"): SegmentedDocument {
  return segment(normalize(rawDoc(text, path)), createSegmenter(segmenter));
}
