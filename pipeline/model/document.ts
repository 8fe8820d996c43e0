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
  /** Address of the page the text was taken from (Markdown front matter `source:`/`url:`). */
  sourceUrl?: string;
  /** Every scalar key of a Markdown front matter, as written (unknown keys included). */
  frontMatter?: Record<string, string>;
  /**
   * A year an archive associates with the file without saying what it means (index.tsv `year`: the
   * delivery year of a 政府工作报告, the reviewed year of a 统计公报). A hint for the profile only.
   */
  collectionYear?: number;
  /** Profile fields the user fixed (index.tsv columns, CLI options, front matter); they win over the text. */
  profile?: ProfileOverrides;
  /**
   * What the reader had to do differently (a web page read as plain text beyond the DOM caps, …):
   * each becomes an `errors` entry of the checked document (run.ts processFile), in the run's language.
   */
  readerNotes?: ReaderNote[];
}

export interface ReaderNote {
  /** `W_…`: the document was read and checked; the note says how its text was obtained. */
  code: string;
  zh: string;
  en: string;
}

/** The document genres the checks tell apart (pipeline/stages/profile.ts). */
export type Genre = "law-gov-report" | "gov-work-report" | "info-disclosure-report" | "statistical-communique" | "other";
/** What an `other` document is. */
export type OtherKind = "news" | "interpretation" | "template" | "unknown";
export type UnitLevel = "national" | "province" | "city" | "county" | "township" | "department";
/**
 * Where a profile fact came from. `delivery`: `（2019年1月8日在…人民代表大会…上）` / `——2019年1月8日在…`;
 * `date-line`: a date alone on a line under the title; `title`: the title block; `meta-title`: a title
 * known from outside the text (front matter, HTML, index.tsv); `published`: a 发布时间 line or a web page's
 * date (a posting date, not the document's own); `written`: a 成文日期/印发日期 line (the document's own
 * date); `index`: index.tsv; `override`: the user.
 */
export type ProfileSource =
  | "override"
  | "delivery"
  | "date-line"
  | "signature"
  | "written"
  | "title"
  | "meta-title"
  | "opening"
  | "heading"
  | "body"
  | "metadata"
  | "published"
  | "index";

/** One fact with the text it came from (normalized offsets when it is in the text). */
export interface ProfileEvidence {
  source: ProfileSource;
  text: string;
  start?: number;
  end?: number;
}

export interface ProfileDate extends ProfileEvidence {
  /** ISO date (YYYY-MM-DD). */
  date: string;
}

export type CompletenessIssue = "truncated" | "omitted" | "excerpt" | "no-body" | "short";

/** Facts about the whole document that every check reads (stage pipeline/stages/profile.ts). */
export interface DocumentProfile {
  genre: Genre;
  /** For `other`: news, 解读, 范文/template or unknown. */
  subKind?: OtherKind;
  genreEvidence: ProfileEvidence | null;
  /** The document's own date (delivery, date line, signature …), ISO; null when only a posting date is known. */
  date: string | null;
  dateSource: ProfileSource | null;
  /** Every date candidate with its source, best first (the first own date wins; see profile.ts). */
  dateCandidates: ProfileDate[];
  /** A web page's posting date (发布时间, HTML metadata, index.tsv): an upper bound, never the own date. */
  postedDate: string | null;
  /** Years the document reviews, inclusive (`[2018, 2018]`; `[2014, 2018]` for a five-year review). */
  reviewPeriod: [number, number] | null;
  /** The year reported on (end of reviewPeriod). */
  reportYear: number | null;
  reportYearSource: ProfileSource | null;
  /** The year the document plans for (`2019年工作安排`, 今年 in a 2019 政府工作报告), null when it plans none. */
  planYear: number | null;
  unit: string | null;
  unitSource: ProfileSource | null;
  level: UnitLevel | null;
  /** Rule-set province id (example: `guangdong`), null when unknown or national. */
  province: string | null;
  complete: boolean;
  completeness: { issue: CompletenessIssue; text: string; start?: number; end?: number }[];
  /** Fields set by the user (index.tsv, CLI, front matter). */
  overridden: string[];
}

/** Profile fields a user may fix. */
export interface ProfileOverrides {
  genre?: Genre;
  subKind?: OtherKind;
  date?: string;
  reportYear?: number;
  planYear?: number;
  unit?: string;
  level?: UnitLevel;
  province?: string;
  complete?: boolean;
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
  /**
   * Markup in the original (Markdown `**`, `# `, bullets, table pipes, front matter…), original
   * offsets, sorted and disjoint: normalize deletes these code units, or replaces each span by
   * `replace` (one code unit), so no check reads markup and offsets stay exact.
   */
  markup?: MarkupSpan[];
  /**
   * Tables the reader kept as tables (Markdown, .docx, HTML), original offsets: each row is one line
   * of `original`, each cell the span of its text (docs/tables.md).
   */
  tables?: Table[];
}

/** One cell of a table; offsets are original offsets in `RawDocument.tables`, normalized ones in `NormalizedDocument.tables`. */
export interface TableCell {
  start: number;
  end: number;
  /** The cell's text (trimmed; `original.slice(start, end)` in the raw model, `text.slice(start, end)` normalized). */
  text: string;
  /** Grid column of the cell's first column (merged cells counted). */
  col: number;
  /** Columns the cell covers (merged horizontally), default 1. */
  colSpan?: number;
  /** Rows the cell covers (merged vertically), default 1: the rows below show no cell for it. */
  rowSpan?: number;
  /** A header cell (`<th>`, the Markdown header row). */
  header?: boolean;
}

export interface TableRow {
  /** The row's line (trimmed). */
  start: number;
  end: number;
  cells: TableCell[];
}

export interface Table {
  /** Where the table came from: the reader's own structure, or a layout heuristic. */
  source: "markdown" | "docx" | "html" | "pdf";
  start: number;
  end: number;
  rows: TableRow[];
}

/** A span of markup in the original text (see RawDocument.markup). */
export interface MarkupSpan {
  start: number;
  end: number;
  /** One code unit that stands for the span in the checked text (a table pipe → space); absent = deleted. */
  replace?: string;
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
  /** `raw.tables` in normalized offsets (rows and cells trimmed; a cell's text is `text.slice(start, end)`). */
  tables?: Table[];
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
  /** A table row (`NormalizedDocument.tables[table].rows[row]`): never a heading, numbered or a signature. */
  table?: { table: number; row: number };
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
  /** Document profile (stage profile.ts, run right after segment); read it through `profileOf`. */
  profile?: DocumentProfile;
}
