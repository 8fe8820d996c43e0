/**
 * @fileoverview Segmenter over @node-rs/jieba (Rust jieba-rs through N-API): the default. Loads the
 * bundled dictionary (~135 ms) plus the user dictionaries once per instance.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Jieba } from "@node-rs/jieba";
import type { Token } from "../model/document.js";
import { alignWords } from "./align.js";
import type { Segmenter, TaggedToken } from "./types.js";

/** @node-rs/jieba's bundled dictionary (dict.txt next to its dict.js). */
const BUNDLED_DICT = createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt");

export class NodeRsSegmenter implements Segmenter {
  readonly name = "node-rs" as const;
  private readonly jieba: Jieba;

  constructor(userDictPaths: readonly string[]) {
    // The dictionary file read directly: @node-rs/jieba/dict.js would also read the 6 MB idf.txt we never use.
    this.jieba = Jieba.withDict(readFileSync(BUNDLED_DICT));
    for (const p of userDictPaths) this.jieba.loadDict(readFileSync(p));
  }

  cut(text: string): Token[] {
    if (text.length === 0) return [];
    return alignWords(text, this.jieba.cut(text, true), (w) => w, (start, end, word) => ({ start, end, word }));
  }

  tag(text: string): TaggedToken[] {
    if (text.length === 0) return [];
    return alignWords(text, this.jieba.tag(text, true), (w) => w.word, (start, end, word, w) => ({ start, end, word, tag: w.tag }));
  }
}
