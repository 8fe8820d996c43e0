/**
 * @fileoverview The artifacts the stages pass along. Each stage returns a new object and never
 * mutates its input, so stages can run in worker threads or on other machines.
 *
 * NOTE: offsets inside NormalizedDocument and SegmentedDocument are offsets into the *normalized*
 * text (`NormalizedDocument.text`). Only the check stage maps them to the original text.
 */
import type { OffsetMap } from "./offset-map.js";

/** Metadata known before reading the text (corpus/index.tsv, HTML <meta>, docx properties). */
export interface DocumentMeta {
  title?: string;
  unit?: string;
  province?: string;
  reportYear?: number;
  publishedDate?: string;
  /** How the text came to us (example: `web page`, `pdf extraction`, `plain text`). */
  sourceForm?: string;
}

/** Output of ingest: the decoded original text. */
export interface RawDocument {
  /** Path as given by the user (relative paths stay relative). */
  path: string;
  /** Detected input format (example: `txt`). */
  format: string;
  /** Detected character encoding (example: `utf-8`, `gb18030`, `utf-16le`). */
  encoding: string;
  /** The original decoded text. Every reported offset refers to this string. */
  original: string;
  meta: DocumentMeta;
}

export type Span = readonly [start: number, end: number];

/** Why a span of text is not report prose. */
export type NoiseKind = "chrome" | "page-number";

export interface NoiseSpan {
  start: number;
  end: number;
  kind: NoiseKind;
}

/** Output of normalize: the text the checks read, with a map back to the original. */
export interface NormalizedDocument {
  raw: RawDocument;
  /** Normalized text (full-width digits/Latin folded, spaces in numbers dropped, broken lines rejoined). */
  text: string;
  map: OffsetMap;
  /** Web-page chrome and other non-report text, in normalized offsets, sorted, non-overlapping. */
  noise: NoiseSpan[];
}

export type BlockKind = "title" | "meta" | "heading" | "paragraph" | "signature" | "chrome";

export type NumberingStyle =
  | "cn-dun" // 一、
  | "cn-paren" // （一）
  | "arabic-dot" // 1. 1、 1．
  | "arabic-paren" // （1）
  | "cn-shi" // 一是
  | "cn-di"; // 第一，

export interface Numbering {
  style: NumberingStyle;
  /** Numeric value of the marker (一 → 1). */
  value: number;
  /** The marker as written (example: `（一）`). */
  raw: string;
  start: number;
  end: number;
}

export interface Block {
  kind: BlockKind;
  index: number;
  start: number;
  end: number;
  text: string;
  /** Heading level, 1 = top (一、), for headings only. */
  level?: number;
  numbering?: Numbering;
  /** Metadata lines: key and value (example: `发布时间` / `2021-12-13 16:07:17`). */
  meta?: {
    key: string;
    value: string;
    /** Every key/value pair of the line, in order; the first is `key`/`value` (`来源:… 发布时间:… 阅读次数:-`). */
    pairs?: { key: string; value: string }[];
  };
}

export interface Sentence {
  index: number;
  blockIndex: number;
  start: number;
  end: number;
  text: string;
  /** Clause spans (split at ，；：、 and their half-width forms), absolute normalized offsets. */
  clauses: Span[];
}

export interface Token {
  start: number;
  end: number;
  word: string;
}

export interface NumberMention {
  start: number;
  end: number;
  text: string;
  value: number;
  /** Measure word or unit that follows (example: `件`, `%`, `万元`, `个工作日`). */
  unit?: string;
  /** True for 十余, 近百, 100多 and the like. */
  approximate: boolean;
  /** Written in Chinese numerals. */
  chinese: boolean;
}

export type DateKind = "date" | "year-month" | "year" | "period";

export interface DateMention {
  start: number;
  end: number;
  text: string;
  kind: DateKind;
  year: number;
  month?: number;
  day?: number;
  /** End year of a period such as 2021—2025年. */
  endYear?: number;
  /** True for 2021年度. */
  fiscal?: boolean;
}

/** Facts about the document derived by segment (title, unit, dates). */
export interface DerivedMeta {
  title: string | null;
  unit: string | null;
  publishedDate: string | null;
  signatureDate: string | null;
}

/** Output of segment. */
export interface SegmentedDocument {
  normalized: NormalizedDocument;
  /** Shortcut to normalized.text. */
  text: string;
  blocks: Block[];
  sentences: Sentence[];
  tokens: Token[];
  numbers: NumberMention[];
  dates: DateMention[];
  derived: DerivedMeta;
}
