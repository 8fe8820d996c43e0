/**
 * @fileoverview Creates word segmenters. Dictionaries are loaded once per (segmenter, dictionary
 * set) and the instance is cached for the process: segmenters are read-only after construction, so
 * the cache is a pure cache.
 */
import { join } from "node:path";
import { PACKAGE_ROOT } from "../version.js";
import { NodeJiebaSegmenter } from "./nodejieba.js";
import { NodeRsSegmenter } from "./node-rs.js";
import type { Segmenter, SegmenterName, SegmenterOptions } from "./types.js";

export { SEGMENTER_NAMES } from "./types.js";
export type { Segmenter, SegmenterName, SegmenterOptions, TaggedToken } from "./types.js";

/** The domain dictionary shipped with report-qc (法治政府, 行政复议, 双随机、一公开 …). */
export const DEFAULT_USER_DICT = join(PACKAGE_ROOT, "rules", "dict", "legal-terms.txt");

const cache = new Map<string, Segmenter>();

/**
 * A segmenter by name, with the user dictionaries loaded (cached per name and dictionary set).
 * @param name `node-rs` (default in the CLI; @node-rs/jieba) or `nodejieba`
 * @param options.userDictPaths user dictionaries; default {@link DEFAULT_USER_DICT}
 */
export function createSegmenter(name: SegmenterName, options: SegmenterOptions = {}): Segmenter {
  const paths = options.userDictPaths ?? [DEFAULT_USER_DICT];
  const key = `${name}\u0000${paths.join("\u0000")}`;
  let s = cache.get(key);
  if (!s) {
    switch (name) {
      case "node-rs":
        s = new NodeRsSegmenter(paths);
        break;
      case "nodejieba":
        s = new NodeJiebaSegmenter(paths);
        break;
      default:
        throw new Error(`unknown segmenter "${String(name)}" (expected node-rs or nodejieba)`);
    }
    cache.set(key, s);
  }
  return s;
}
