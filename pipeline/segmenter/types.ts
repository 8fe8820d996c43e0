/**
 * @fileoverview The word-segmenter contract: one interface over @node-rs/jieba and nodejieba, with
 * tokens as offsets into the text that was cut.
 */
import type { Token } from "../model/document.js";

export const SEGMENTER_NAMES = ["node-rs", "nodejieba"] as const;
export type SegmenterName = (typeof SEGMENTER_NAMES)[number];

export interface TaggedToken extends Token {
  /** Part-of-speech tag (jieba's ICTCLAS-style set: n, v, m, x …). */
  tag: string;
}

export interface Segmenter {
  readonly name: SegmenterName;
  /**
   * Cuts a text into words. Tokens are offsets into `text`, in order, and cover every non-space
   * character; whitespace tokens are dropped. Cut whole paragraphs or documents: each call has a
   * fixed cost.
   */
  cut(text: string): Token[];
  /** Like {@link cut}, with part-of-speech tags (about 2.5× slower). */
  tag(text: string): TaggedToken[];
}

export interface SegmenterOptions {
  /** User dictionaries (`word freq tag` per line). Default: rules/dict/legal-terms.txt. */
  userDictPaths?: readonly string[];
}
