/**
 * @fileoverview The segment stage: NormalizedDocument → SegmentedDocument. All offsets are into the
 * normalized text.
 *
 * - Blocks: one per non-empty line (trimmed). Kinds: chrome (inside a noise span), meta (`发布时间:…`,
 *   all pairs kept), title (the first title-like line before the body), heading (a hierarchical
 *   marker 一、 （一） 1. （1） on a short line without sentence-final punctuation), signature (unit
 *   and date lines at the end), paragraph (everything else). A numbered line that runs into its
 *   paragraph (`（一）依法全面履行政府职能。一是…`) is a paragraph with `numbering` and `level`;
 *   `一是` / `第一，` paragraphs get `numbering` without a level.
 * - Sentences split at 。！？!? and line ends, with clauses (pipeline/text/sentences.ts).
 * - Tokens: the segmenter cuts each run of consecutive non-chrome lines in one call.
 * - Numbers and dates: pipeline/text/numbers.ts and dates.ts, on non-chrome blocks (numbers also
 *   skip metadata lines).
 * - DerivedMeta: title, issuing unit, publication date, signature date.
 */
import type { Block, DateMention, DerivedMeta, NormalizedDocument, NumberMention, SegmentedDocument, Sentence, Span, Token } from "../model/document.js";
import type { Segmenter } from "../segmenter/index.js";
import { isFoldableSpace } from "../text/chars.js";
import { findDates, firstIsoDate } from "../text/dates.js";
import { hasSentenceEnd, isDateLine, isUnitLine, splitUnitDateLine } from "../text/lines.js";
import { PUBLISHED_DATE_KEYS, SOURCE_KEYS, TITLE_KEYS, UNIT_KEYS, parseMetaLine } from "../text/meta.js";
import { findNumbers } from "../text/numbers.js";
import { STYLE_LEVEL, parseNumbering } from "../text/numbering.js";
import { clauseSpans, sentenceSpans } from "../text/sentences.js";

/** Longest line that can be a heading (longer numbered lines are run-in paragraphs). */
const MAX_HEADING = 60;
/** Longest title. */
const MAX_TITLE = 80;
/** How many non-chrome lines from the top may precede the title (metadata, a second title…). */
const TITLE_WINDOW = 6;
/** Words that make a short line a report title. */
const TITLE_WORDS_RE = /报告|情况|总结|要点|计划|述职|工作/u;
/** Title prefix before 关于 / 对于 is the issuing unit. */
const TITLE_UNIT_RE = /^(.{2,60}?)(?:关于|对于)/u;
/** Title prefix before a year (`洪山区2020年度…`) is a weaker unit hint. */
const TITLE_YEAR_UNIT_RE = /^(.{2,40}?)(?:\d{4}|[〇零一二三四五六七八九]{4})年/u;

/**
 * Segments a normalized document.
 * @param segmenter word segmenter (dictionaries already loaded; shared read-only across documents)
 */
export function segment(doc: NormalizedDocument, segmenter: Segmenter): SegmentedDocument {
  const text = doc.text;
  const blocks = buildBlocks(doc);
  markTitle(blocks);
  const signature = markSignature(blocks);

  const sentences: Sentence[] = [];
  for (const b of blocks) {
    for (const [s, e] of sentenceSpans(text, b.start, b.end)) {
      sentences.push({ index: sentences.length, blockIndex: b.index, start: s, end: e, text: text.slice(s, e), clauses: clauseSpans(text, s, e) });
    }
  }

  const tokens = cutTokens(text, blocks, segmenter);

  const dates: DateMention[] = [];
  const numbers: NumberMention[] = [];
  for (const b of blocks) {
    if (b.kind === "chrome") continue;
    const before = dates.length;
    findDates(b.text, b.start, dates);
    if (b.kind === "meta") continue;
    const skip: Span[] = [];
    if (b.numbering) skip.push([b.numbering.start, b.numbering.end]);
    for (let i = before; i < dates.length; i++) skip.push([dates[i]!.start, dates[i]!.end]);
    findNumbers(b.text, b.start, skip, numbers);
  }

  return { normalized: doc, text, blocks, sentences, tokens, numbers, dates, derived: deriveMeta(blocks, signature) };
}

/** One block per non-empty line; chrome, meta, heading or paragraph (title/signature come later). */
function buildBlocks(doc: NormalizedDocument): Block[] {
  const text = doc.text;
  const noise = doc.noise;
  const blocks: Block[] = [];
  const rows = (doc.tables ?? []).flatMap((t, ti) => t.rows.map((r, ri) => ({ start: r.start, end: r.end, table: ti, row: ri }))).sort((a, b) => a.start - b.start);
  let ri = 0;
  let ni = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let s = lineStart;
    let e = lineEnd;
    while (s < e && isFoldableSpace(text.charCodeAt(s))) s++;
    while (e > s && isFoldableSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) {
      while (ni < noise.length && noise[ni]!.end <= s) ni++;
      const inNoise = ni < noise.length && noise[ni]!.start < e;
      while (ri < rows.length && rows[ri]!.end <= s) ri++;
      const row = ri < rows.length && rows[ri]!.start < e ? rows[ri]! : undefined;
      blocks.push(classifyLine(text.slice(s, e), s, e, blocks.length, inNoise, row && { table: row.table, row: row.row }));
    }
    lineStart = lineEnd + 1;
  }
  return blocks;
}

function classifyLine(line: string, start: number, end: number, index: number, inNoise: boolean, table?: Block["table"]): Block {
  const block: Block = { kind: "paragraph", index, start, end, text: line };
  if (inNoise) {
    block.kind = "chrome";
    return block;
  }
  const pairs = parseMetaLine(line);
  if (pairs) {
    block.kind = "meta";
    block.meta = { key: pairs[0]!.key, value: pairs[0]!.value, pairs };
    return block;
  }
  // A table row's 一、（一）1. label rows of the table, not the report's headings.
  if (table) {
    block.table = table;
    return block;
  }
  const numbering = parseNumbering(line, start);
  if (numbering) {
    block.numbering = numbering;
    const level = STYLE_LEVEL[numbering.style];
    if (level !== undefined) {
      block.level = level;
      if (line.length <= MAX_HEADING && !hasSentenceEnd(line)) block.kind = "heading";
    }
  }
  return block;
}

/** The first title-like line near the top: short, no 。, not numbered, before the body starts. */
function markTitle(blocks: Block[]): void {
  let seen = 0;
  for (let i = 0; i < blocks.length && seen < TITLE_WINDOW; i++) {
    const b = blocks[i]!;
    if (b.kind === "chrome") continue;
    seen++;
    if (b.kind === "meta") continue;
    // Body prose or a section heading: the title, if any, was above.
    if (b.kind === "heading" || b.numbering || b.table || hasSentenceEnd(b.text) || b.text.length > MAX_TITLE) return;
    if (b.text.length < 6) continue;
    if (TITLE_WORDS_RE.test(b.text) || nextContent(blocks, i)?.kind === "meta") {
      b.kind = "title";
      return;
    }
  }
}

function nextContent(blocks: Block[], i: number): Block | undefined {
  for (let j = i + 1; j < blocks.length; j++) if (blocks[j]!.kind !== "chrome") return blocks[j];
  return undefined;
}

interface SignatureInfo {
  unit: string | null;
  date: string | null;
}

/** Unit and date lines at the end of the report (before any trailing chrome). */
function markSignature(blocks: Block[]): SignatureInfo {
  const info: SignatureInfo = { unit: null, date: null };
  let i = blocks.length - 1;
  while (i >= 0 && blocks[i]!.kind === "chrome") i--;
  if (i < 0) return info;
  const last = blocks[i]!;
  if (last.kind !== "paragraph" || last.table) return info;
  const combined = splitUnitDateLine(last.text);
  if (combined) {
    last.kind = "signature";
    info.unit = combined.unit;
    info.date = firstIsoDate(combined.date);
    return info;
  }
  if (isDateLine(last.text)) {
    last.kind = "signature";
    info.date = firstIsoDate(last.text);
    i--;
  }
  // Up to two unit lines (joint signatures: 中共XX区委 / XX区人民政府).
  for (let n = 0; n < 2 && i >= 0; n++, i--) {
    const b = blocks[i]!;
    if (b.kind !== "paragraph" || b.table || !isUnitLine(b.text)) break;
    b.kind = "signature";
    info.unit = info.unit ? `${b.text} ${info.unit}` : b.text;
  }
  return info;
}

/** Tokens of every run of consecutive non-chrome lines, one segmenter call per run. */
function cutTokens(text: string, blocks: Block[], segmenter: Segmenter): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < blocks.length) {
    if (blocks[i]!.kind === "chrome") {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < blocks.length && blocks[j + 1]!.kind !== "chrome") j++;
    const start = blocks[i]!.start;
    const end = blocks[j]!.end;
    for (const t of segmenter.cut(text.slice(start, end))) tokens.push({ start: t.start + start, end: t.end + start, word: t.word });
    i = j + 1;
  }
  return tokens;
}

function metaValue(blocks: Block[], keys: readonly string[]): string | null {
  for (const key of keys) {
    for (const b of blocks) {
      if (b.kind !== "meta" || !b.meta) continue;
      for (const p of b.meta.pairs ?? [b.meta]) if (p.key === key && p.value && p.value !== "-" && p.value !== "无") return p.value;
    }
  }
  return null;
}

function deriveMeta(blocks: Block[], signature: SignatureInfo): DerivedMeta {
  const titleBlock = blocks.find((b) => b.kind === "title");
  const title = titleBlock?.text ?? metaValue(blocks, TITLE_KEYS);

  let unit: string | null = null;
  const about = title ? TITLE_UNIT_RE.exec(title) : null;
  if (about) unit = about[1]!.trim();
  unit ??= metaValue(blocks, UNIT_KEYS);
  unit ??= signature.unit;
  if (unit === null) {
    const source = metaValue(blocks, SOURCE_KEYS);
    if (source && isUnitLine(source)) unit = source;
  }
  if (unit === null && title) {
    const m = TITLE_YEAR_UNIT_RE.exec(title);
    if (m) unit = m[1]!.trim();
  }

  let publishedDate: string | null = null;
  for (const key of PUBLISHED_DATE_KEYS) {
    const v = metaValue(blocks, [key]);
    publishedDate = v ? firstIsoDate(v) : null;
    if (publishedDate) break;
  }
  return { title, unit, publishedDate, signatureDate: signature.date };
}
