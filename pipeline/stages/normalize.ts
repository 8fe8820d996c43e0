/**
 * @fileoverview The normalize stage: RawDocument → NormalizedDocument, the text every check reads.
 *
 * Steps (each only deletes or replaces code units one for one, so the OffsetMap stays exact):
 * 0. Markup (`raw.markup`: Markdown `**`, `# `, bullets, table pipes, front matter; formats/markdown.ts)
 *    is deleted, or replaced by its one stand-in code unit (a table pipe → a space that step 2 never
 *    drops), so checks never read markup and every offset still maps to the original.
 * 1. Characters: CRLF/CR → LF, invisible characters dropped (BOM, zero-width), full-width digits and
 *    Latin letters folded to ASCII (０→0, Ａ→A), ％ → %, ． between digits → `.`, every horizontal
 *    space (NBSP, U+3000, tab…) → ASCII space.
 * 2. Spaces left by PDF extraction around numbers are dropped: between a digit and a following unit
 *    character (年 月 日 件 个 项 人 …) or `%`, between a Han character and a following digit, before a decimal point
 *    (`2019 年` → `2019年`, `第 3 批` → `第3批`, `98.99 %` → `98.99%`). Spaces between two digits
 *    stay (`9 2019年`: two numbers, the first one glued there by extraction).
 * 3. Lines: web-page chrome is detected per line (pipeline/text/chrome.ts) and recorded as `noise`
 *    spans, never deleted; page numbers are `page-number` noise. Lines broken mid-sentence by a page
 *    break are rejoined (`探索构\n\n 建分类快审机制` → `探索构建分类快审机制`), conservatively: see
 *    {@link shouldRejoin}. A table row (`raw.tables`) is never chrome, a page number or rejoined.
 * 4. Tables: `raw.tables` (original offsets) are mapped to normalized offsets, cells trimmed.
 */
import { createRequire } from "node:module";
import type { MarkupSpan, NoiseSpan, NormalizedDocument, RawDocument, Table } from "../model/document.js";
import { OffsetMap } from "../model/offset-map.js";
import { isDigit, isFoldableSpace, isHan, isInvisible } from "../text/chars.js";
import { detectChromeLines } from "../text/chrome.js";
import { hasProsePunctuation, hasSentenceEnd, isDateLine, isPageNumberLine, isUnitLine } from "../text/lines.js";
import { isMetaLine } from "../text/meta.js";
import { isHierarchical, parseNumbering } from "../text/numbering.js";

/**
 * Normalizes a decoded document.
 * @returns the normalized text, its map back to `raw.original`, and the noise spans (normalized offsets)
 */
export function normalize(raw: RawDocument): NormalizedDocument {
  const { markup, tables: rawTables } = markupOf(raw);
  const pass1 = foldCharacters(raw.original, markup);
  // Pass-1 offsets where table rows start: those lines are table content, never chrome or rejoined.
  const rowStarts = rawTables.flatMap((t) => t.rows.map((r) => lowerBound(pass1.sources, pass1.length, r.start)));
  const { text, sources, noise } = processLines(pass1.codes, pass1.sources, pass1.length, raw.original.length, rowStarts);
  const out: NormalizedDocument = { raw, text, map: new OffsetMap(sources), noise };
  if (rawTables.length) out.tables = mapTables(rawTables, text, sources);
  return out;
}

const require = createRequire(import.meta.url);

/**
 * The markup to leave out and the tables. A Markdown document rebuilt from stored text (archive index)
 * may come without `raw.markup`: it is parsed again here, so the text and offsets match the first run.
 * The parser is loaded only then (require of an ES module, Node ≥ 20.19): plain text never loads it.
 */
function markupOf(raw: RawDocument): { markup: readonly MarkupSpan[]; tables: readonly Table[] } {
  if (raw.markup) return { markup: raw.markup, tables: raw.tables ?? [] };
  if (raw.format !== "markdown") return { markup: [], tables: raw.tables ?? [] };
  const markdown = require("../formats/markdown.js") as typeof import("../formats/markdown.js");
  const parsed = markdown.parseMarkdown(raw.original);
  return { markup: parsed.markup, tables: raw.tables ?? parsed.tables };
}

/** First index i in [0, length] with sources[i] >= offset (sources increase strictly). */
function lowerBound(sources: Int32Array, length: number, offset: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sources[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Tables in normalized offsets: each span covers the normalized units that came from its original span, trimmed. */
function mapTables(tables: readonly Table[], text: string, sources: Int32Array): Table[] {
  const n = text.length;
  const toNormalized = (start: number, end: number): [number, number] => {
    let s = lowerBound(sources, n, start);
    let e = lowerBound(sources, n, end);
    while (s < e && /\s/u.test(text[s]!)) s++;
    while (e > s && /\s/u.test(text[e - 1]!)) e--;
    return [s, e];
  };
  return tables.map((t) => {
    const [start, end] = toNormalized(t.start, t.end);
    return {
      ...t,
      start,
      end,
      rows: t.rows.map((r) => {
        const [rs, re] = toNormalized(r.start, r.end);
        return {
          start: rs,
          end: re,
          // A cell that was all markup (`<br>`) has no text left: no cell.
          cells: r.cells.flatMap((c) => {
            const [cs, ce] = toNormalized(c.start, c.end);
            return ce > cs ? [{ ...c, start: cs, end: ce, text: text.slice(cs, ce) }] : [];
          }),
        };
      }),
    };
  });
}

interface CharPass {
  codes: Uint16Array;
  /** Original offset per emitted code unit (length = emitted + 1 is not guaranteed; see `length`). */
  sources: Int32Array;
  length: number;
}

/** Steps 0, 1 and 2: one pass over the original, emitting folded code units and their sources. */
function foldCharacters(src: string, markup: readonly MarkupSpan[]): CharPass {
  const n = src.length;
  const codes = new Uint16Array(n);
  const sources = new Int32Array(n + 1);
  let m = 0;
  // Pending run of spaces: original offsets (the run is emitted or dropped when its right neighbour is known).
  const pending: number[] = [];
  // The run holds a space standing for markup (a table pipe between cells): it separates cells, never dropped.
  let hardPending = false;
  let k = 0;
  for (let i = 0; i < n; i++) {
    // This code unit's original offset, and the index of the original unit after it.
    const at = i;
    let c: number;
    const span = markup[k];
    if (span !== undefined && i === span.start) {
      // Markup (spans are sorted and disjoint): skipped, or read as its stand-in written at span.start.
      k++;
      i = span.end - 1;
      if (!span.replace) continue;
      c = span.replace.charCodeAt(0);
      if (c === 32) {
        pending.push(at);
        hardPending = true;
        continue;
      }
    } else {
      c = src.charCodeAt(i);
      if (c === 13) {
        if (src.charCodeAt(i + 1) === 10) continue;
        c = 10;
      }
    }
    const after = i + 1;
    if (isInvisible(c)) continue;
    if (isFoldableSpace(c)) {
      pending.push(at);
      continue;
    }
    c = foldChar(c);
    // ． is a decimal point only between digits.
    if (c === 0xff0e && m > 0 && isDigit(codes[m - 1]!) && isDigit(foldChar(src.charCodeAt(after)))) c = 46;
    if (pending.length) {
      const prev = m > 0 ? codes[m - 1]! : 10;
      if (hardPending || !(c !== 10 && dropSpacesBetween(prev, c, foldChar(src.charCodeAt(after))))) {
        for (const p of pending) {
          codes[m] = 32;
          sources[m++] = p;
        }
      }
      pending.length = 0;
      hardPending = false;
    }
    codes[m] = c;
    sources[m++] = at;
  }
  for (const p of pending) {
    codes[m] = 32;
    sources[m++] = p;
  }
  sources[m] = n;
  return { codes, sources, length: m };
}

/** Full-width digits and Latin letters → ASCII; ％ → %. */
function foldChar(c: number): number {
  if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return c - 0xfee0;
  if (c === 0xff05) return 37;
  return c;
}

/**
 * Whether a run of spaces between `prev` and `next` (same line) is extraction noise to drop.
 * @param after the code unit after `next` (to see `98 .5`)
 */
function dropSpacesBetween(prev: number, next: number, after: number): boolean {
  if (isDigit(prev)) {
    if (UNIT_CHARS.has(next) || next === 37 /* % */ || next === 0x2030 /* ‰ */) return true;
    if (next === 46 /* . */ && isDigit(after)) return true;
    return false;
  }
  return isHan(prev) && isDigit(next);
}

/**
 * Han characters that follow a number as its unit, measure word or date part. A space between a digit
 * and one of these is extraction noise (`2019 年`, `350 件`); before other characters it may separate
 * two fields (`16:07:17 阅读次数`), so it stays.
 */
const UNIT_CHARS: ReadonlySet<number> = new Set(
  Array.from("年月日号时分秒周天旬季度万亿千百十余多个件项人次名家条宗户场期份篇本册批所座处起类种部支位单台套亩公里米倍吨辆张封例间栋块株节堂讲轮组队团枚段层首集幅届岁元角级", (ch) => ch.charCodeAt(0)),
);

interface Line {
  /** Line bounds in pass-1 coordinates (without the newline). */
  start: number;
  end: number;
  /** Trimmed bounds. */
  tStart: number;
  tEnd: number;
  text: string;
}

/** Step 3: chrome and page-number noise, page-break rejoins, and the final text and map. */
function processLines(codes: Uint16Array, sources1: Int32Array, length: number, originalLength: number, rowStarts: readonly number[] = []): { text: string; sources: Int32Array; noise: NoiseSpan[] } {
  const s1 = decode(codes, 0, length);
  const lines = splitLines(s1);
  const texts = lines.map((l) => l.text);
  const chrome = detectChromeLines(texts);
  const pageNumber = texts.map((t, i) => !chrome[i] && t.length > 0 && isPageNumberLine(t));
  // Table rows are report content: a row of figures is no page number, a repeated row no chrome.
  const tableRow = tableLines(lines, rowStarts);
  for (let i = 0; i < lines.length; i++) {
    if (tableRow[i]) chrome[i] = pageNumber[i] = false;
  }

  // Deletions in pass-1 coordinates, sorted and disjoint: [start, end).
  const deletions: Array<[number, number]> = [];
  const deletedPageLines = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.text.length === 0 || chrome[i] || pageNumber[i] || tableRow[i]) continue;
    // Next content line; in between only blank lines and page numbers.
    let j = i + 1;
    let between = 0;
    while (j < lines.length && (lines[j]!.text.length === 0 || pageNumber[j])) {
      j++;
      between++;
    }
    if (j >= lines.length || between === 0 || chrome[j] || tableRow[j]) continue;
    if (!shouldRejoin(line.text, lines[j]!.text)) continue;
    deletions.push([line.tEnd, lines[j]!.tStart]);
    for (let k = i + 1; k < j; k++) if (pageNumber[k]) deletedPageLines.add(k);
    i = j - 1;
  }

  // Final text: copy pass 1 minus the deletions; remember where each pass-1 unit went.
  const outCodes = new Uint16Array(length);
  const sources = new Int32Array(length + 1);
  const finalIndex = new Int32Array(length + 1);
  let m = 0;
  let d = 0;
  for (let i = 0; i < length; i++) {
    finalIndex[i] = m;
    const del = deletions[d];
    if (del && i >= del[0]) {
      if (i < del[1]) continue;
      d++;
    }
    outCodes[m] = codes[i]!;
    sources[m++] = sources1[i]!;
  }
  finalIndex[length] = m;
  sources[m] = originalLength;

  const noise: NoiseSpan[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.text.length === 0 || deletedPageLines.has(i)) continue;
    const kind = chrome[i] ? "chrome" : pageNumber[i] ? "page-number" : null;
    if (!kind) continue;
    noise.push({ start: finalIndex[l.tStart]!, end: finalIndex[l.tEnd - 1]! + 1, kind });
  }
  return { text: decode(outCodes, 0, m), sources: sources.subarray(0, m + 1), noise };
}

/**
 * Whether two lines separated by blank lines are one sentence broken by a page break. Conservative:
 * - the first line is prose (has clause punctuation, at least 15 characters), not metadata, not a
 *   heading (a hierarchical marker without sentence-final punctuation), and ends mid-sentence (a Han
 *   character or ，,、《“（( );
 * - the second starts with a Han character or a digit, has no list/heading marker, is not a date,
 *   a unit name or metadata, and is prose or at least 10 characters long.
 */
export function shouldRejoin(prev: string, next: string): boolean {
  if (prev.length < 15 || next.length < 2) return false;
  if (!hasProsePunctuation(prev) || isMetaLine(prev)) return false;
  const last = prev.charCodeAt(prev.length - 1);
  const midSentence =
    isHan(last) || last === 0xff0c || last === 44 || last === 0x3001 || last === 0x300a || last === 0x201c || last === 0xff08 || last === 40;
  if (!midSentence) return false;
  const marker = parseNumbering(prev);
  if (marker && isHierarchical(marker.style) && !hasSentenceEnd(prev)) return false;

  const first = next.charCodeAt(0);
  if (!isHan(first) && !isDigit(first)) return false;
  if (parseNumbering(next) !== null) return false;
  if (isDateLine(next) || isUnitLine(next) || isMetaLine(next)) return false;
  if (next.length < 10 && !hasProsePunctuation(next)) return false;
  return true;
}

/** Which lines hold the start of a table row (pass-1 offsets; rows are one line each). */
function tableLines(lines: readonly Line[], rowStarts: readonly number[]): boolean[] {
  const out = lines.map(() => false);
  if (rowStarts.length === 0) return out;
  const starts = [...rowStarts].sort((a, b) => a - b);
  let k = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    while (k < starts.length && starts[k]! < l.start) k++;
    if (k < starts.length && starts[k]! <= l.end) out[i] = true;
  }
  return out;
}

function splitLines(s: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    let end = s.indexOf("\n", start);
    if (end < 0) end = s.length;
    let tStart = start;
    let tEnd = end;
    while (tStart < tEnd && s.charCodeAt(tStart) === 32) tStart++;
    while (tEnd > tStart && s.charCodeAt(tEnd - 1) === 32) tEnd--;
    lines.push({ start, end, tStart, tEnd, text: s.slice(tStart, tEnd) });
    if (end >= s.length) break;
    start = end + 1;
  }
  return lines;
}

/** UTF-16 code units → string, in chunks (spread arguments have a stack limit). */
function decode(codes: Uint16Array, start: number, end: number): string {
  const CHUNK = 8192;
  let out = "";
  for (let i = start; i < end; i += CHUNK) out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(end, i + CHUNK)) as unknown as number[]);
  return out;
}
