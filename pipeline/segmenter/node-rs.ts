/**
 * @fileoverview Segmenter over @node-rs/jieba (Rust jieba-rs through N-API): the default. Loads the
 * bundled dictionary (~135 ms) plus the user dictionaries once per instance.
 */
import { readFileSync } from "node:fs";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import type { Token } from "../model/document.js";
import { alignWords } from "./align.js";
import type { Segmenter, TaggedToken } from "./types.js";

export class NodeRsSegmenter implements Segmenter {
  readonly name = "node-rs" as const;
  private readonly jieba: Jieba;

  constructor(userDictPaths: readonly string[]) {
    this.jieba = Jieba.withDict(dict);
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
