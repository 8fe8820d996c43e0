/**
 * @fileoverview Markdown input (.md, .markdown, and .txt that {@link looksLikeMarkdown} recognises).
 *
 * The original text stays exactly as decoded: every finding maps to it. The parser (micromark, the
 * tokenizer under mdast-util-from-markdown, with GFM tables and YAML front matter) only tells which
 * code units are *markup*; normalize (pipeline/stages/normalize.ts) deletes them, or replaces a
 * table pipe by one space, in its first pass, so the OffsetMap stays exact. What is markup
 * (docs/markdown.md):
 * - front matter (the whole block, fences included) → DocumentMeta, never checked text;
 * - `**` `*` `__` `_` delimiters, `#` heading markers and closing sequences, setext underlines;
 * - bullet markers `- ` `* ` `+ ` (ordered markers `1.` stay: they are the report's numbering);
 * - blockquote `>`; link syntax (`[`, `](url "title")`, `[ref]`), whole images and definitions;
 * - inline and block HTML tags and comments; backslash escapes; thematic breaks; code fences and
 *   inline-code backticks (the code itself stays text);
 * - table pipes (outer ones deleted, inner ones → one space so cells stay separate words), cell
 *   padding and the delimiter row: each table row stays one line.
 *
 * CommonMark's flanking rules do not close `**` next to CJK punctuation (`**“三个代表”**重要思想`
 * stays literal), yet writers and converters mean bold there: `**` runs that the parser left as text
 * are markup when they pair up within one line ({@link cjkStrongPairs}).
 */
import { parse, postprocess, preprocess } from "micromark";
import { frontmatter } from "micromark-extension-frontmatter";
import { gfmTable } from "micromark-extension-gfm-table";
import { parse as parseYaml } from "yaml";
import type { DocumentMeta, MarkupSpan, Table } from "../model/document.js";

export interface MarkdownParse {
  /** Markup in original offsets, sorted, disjoint. */
  markup: MarkupSpan[];
  /** Metadata from the front matter (empty without one). */
  meta: DocumentMeta;
  /** GFM tables: rows × cells in original offsets (a cell is its content, `<br>`/`**` inside included). */
  tables: Table[];
}

interface Tok {
  type: string;
  start: number;
  end: number;
}

/** Front-matter keys that name the page the text came from. */
const URL_KEYS = new Set(["source", "url", "link", "source_url", "sourceurl", "href", "原文链接", "链接", "来源"]);
/** Front-matter keys whose value is a publication or delivery date. */
const DATE_KEYS = new Set(["date", "published", "publish_date", "published_date", "publishdate", "pubdate", "date_published", "发布时间", "发布日期", "日期"]);
const TITLE_KEYS = new Set(["title", "标题"]);
/** A report holds no code: a line indented by four spaces or a tab is an indented paragraph, not a code block. */
const NO_INDENTED_CODE = { disable: { null: ["codeIndented"] } };

/** Parses Markdown source: the markup spans and the front matter. */
export function parseMarkdown(src: string): MarkdownParse {
  const first = tokenize(src);
  const stray = [...cjkStrongPairs(src, first.textRuns), ...first.blockBold];
  // Only a run at a line start can hide block structure; inline runs need no second parse.
  const hidesBlock = stray.some((s) => s.start === 0 || src[s.start - 1] === "\n");
  if (!hidesBlock) return { markup: tidy([...first.spans, ...stray]), meta: first.yamlText === null ? {} : frontMatterMeta(first.yamlText), tables: first.tables };
  // A converter's bold around whole lines hides the block structure after it (`**| 指 标 | 单 位 |` is
  // no table row, `**- 指 标` no bullet): parse again with those runs blanked (same length, so offsets hold).
  const chars = src.split("");
  for (const s of stray) chars[s.start] = chars[s.start + 1] = " ";
  const masked = chars.join("");
  const second = tokenize(masked);
  // Runs that lost their partner in the new parse pair up by the same fallback.
  const again = cjkStrongPairs(masked, second.textRuns);
  return { markup: tidy([...second.spans, ...stray, ...again]), meta: first.yamlText === null ? {} : frontMatterMeta(first.yamlText), tables: second.tables };
}

interface Tokenized {
  spans: MarkupSpan[];
  yamlText: string | null;
  textRuns: Tok[];
  /** Delimiters of a bold that spans several lines and opens at a line start. */
  blockBold: MarkupSpan[];
  tables: Table[];
}

/** The markup micromark finds (without the CJK `**` fallback), the front matter text, and the literal text runs. */
function tokenize(src: string): Tokenized {
  const events = postprocess(parse({ extensions: [frontmatter(), gfmTable(), NO_INDENTED_CODE] }).document().write(preprocess()(src, undefined, true)));
  const spans: MarkupSpan[] = [];
  const del = (start: number, end: number) => {
    if (end > start) spans.push({ start, end });
  };
  const stack: Tok[] = [];
  /** Inside a token whose whole extent was recorded (front matter, image, definition…): skip its children. */
  let skipDepth = 0;
  let yamlText: string | null = null;
  /** Literal text (not code, not HTML) where stray `**` runs may sit. */
  const textRuns: Tok[] = [];
  let row: { items: Array<{ divider: boolean; start: number; end: number }> } | null = null;
  const blockBold: MarkupSpan[] = [];
  const tables: Table[] = [];
  /** Column of the next cell of the current row. */
  let cellCol = 0;

  for (const [kind, token] of events) {
    const t: Tok = { type: token.type, start: token.start.offset, end: token.end.offset };
    if (kind === "exit") {
      stack.pop();
      if (skipDepth > 0) skipDepth--;
      if (t.type === "tableRow" && row) {
        emitRow(row.items, spans);
        row = null;
      }
      continue;
    }
    const parent = stack[stack.length - 1]?.type;
    stack.push(t);
    if (skipDepth > 0) {
      skipDepth++;
      continue;
    }
    switch (t.type) {
      case "yaml":
        yamlText = src.slice(t.start, t.end).replace(/^---[^\n]*\n?/, "").replace(/\n?---[ \t]*$/, "");
        del(t.start, t.end);
        skipDepth = 1;
        break;
      case "tableDelimiterRow": {
        // With its line end: the header row and the body rows stay consecutive lines, one table.
        const eol = src.startsWith("\r\n", t.end) ? 2 : src[t.end] === "\n" || src[t.end] === "\r" ? 1 : 0;
        del(t.start, t.end + eol);
        skipDepth = 1;
        break;
      }
      case "image":
      case "definition":
      case "thematicBreak":
      case "setextHeadingLine":
      case "codeFencedFence":
      case "htmlText":
      case "resource":
      case "reference":
        del(t.start, t.end);
        skipDepth = 1;
        break;
      case "htmlFlow":
        // A block of HTML may hold text between its tags: drop only tags and comments.
        for (const m of src.slice(t.start, t.end).matchAll(/<!--[\s\S]*?-->|<\/?[A-Za-z][^<>]*>/g)) del(t.start + m.index, t.start + m.index + m[0].length);
        skipDepth = 1;
        break;
      case "strong":
        if ((t.start === 0 || src[t.start - 1] === "\n") && src.slice(t.start, t.end).includes("\n")) {
          const open = /^[*_]+/.exec(src.slice(t.start, t.start + 3))![0].length;
          const close = /[*_]+$/.exec(src.slice(t.end - 3, t.end))![0].length;
          blockBold.push({ start: t.start, end: t.start + open }, { start: t.end - close, end: t.end });
        }
        break;
      case "strongSequence":
      case "emphasisSequence":
      case "atxHeadingSequence":
      case "labelMarker":
      case "labelImageMarker":
      case "escapeMarker":
      case "autolinkMarker":
      case "codeTextSequence":
      case "hardBreakEscape":
      case "blockQuotePrefix":
        del(t.start, t.end);
        break;
      case "whitespace":
        // Space between `##` and the heading text, and cell padding (not space inside a cell's text).
        if (parent === "atxHeading" || parent === "tableHeader" || parent === "tableData") del(t.start, t.end);
        break;
      case "listItemPrefix":
        // Bullets are markup; ordered markers (`1.`) are the report's own numbering.
        if (nearest(stack, "listUnordered", "listOrdered") === "listUnordered") del(t.start, t.end);
        skipDepth = 1;
        break;
      case "characterReference":
        spans.push(characterReference(src, t));
        skipDepth = 1;
        break;
      case "table":
        tables.push({ source: "markdown", start: t.start, end: t.end, rows: [] });
        break;
      case "tableRow":
        row = { items: [] };
        tables[tables.length - 1]?.rows.push({ start: t.start, end: t.end, cells: [] });
        cellCol = 0;
        break;
      case "tableHeader":
      case "tableData":
        cellCol++;
        break;
      case "tableCellDivider":
        row?.items.push({ divider: true, start: t.start, end: t.end });
        break;
      case "tableContent": {
        row?.items.push({ divider: false, start: t.start, end: t.end });
        const cells = tables[tables.length - 1]?.rows.at(-1)?.cells;
        const cell = trimSpan(src, t.start, t.end);
        if (cells && cell) cells.push({ ...cell, text: src.slice(cell.start, cell.end), col: cellCol - 1, ...(parent === "tableHeader" ? { header: true } : {}) });
        break;
      }
      case "data":
        if (!stack.some((s) => s.type === "codeText" || s.type === "codeFenced" || s.type === "codeIndented")) textRuns.push(t);
        break;
    }
  }
  return { spans, yamlText, textRuns, blockBold, tables };
}

/** [start, end) without surrounding white space, or null when nothing is left. */
function trimSpan(src: string, start: number, end: number): { start: number; end: number } | null {
  while (start < end && /\s/u.test(src[start]!)) start++;
  while (end > start && /\s/u.test(src[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

function nearest(stack: Tok[], ...types: string[]): string | undefined {
  for (let i = stack.length - 1; i >= 0; i--) if (types.includes(stack[i]!.type)) return stack[i]!.type;
  return undefined;
}

/**
 * A table row's pipes: the outer ones and the ones around empty cells are deleted; exactly one pipe
 * between two cells with content becomes a space, so `| 粮 食 | 46947 | | 9.0 |` reads `粮 食 46947 9.0`.
 */
function emitRow(items: Array<{ divider: boolean; start: number; end: number }>, spans: MarkupSpan[]): void {
  let seenContent = false;
  let pending: Array<{ start: number; end: number }> = [];
  for (const it of items) {
    if (it.divider) {
      pending.push(it);
      continue;
    }
    pending.forEach((p, i) => spans.push(i === 0 && seenContent ? { start: p.start, end: p.end, replace: " " } : { start: p.start, end: p.end }));
    pending = [];
    seenContent = true;
  }
  for (const p of pending) spans.push({ start: p.start, end: p.end });
}

const NAMED_REFS: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’", mdash: "—", ndash: "–", hellip: "…", middot: "·", times: "×" };

/** `&amp;` `&#12290;` → the one character they stand for (replaced in place); unknown references stay text. */
function characterReference(src: string, t: Tok): MarkupSpan {
  const body = src.slice(t.start + 1, t.end - 1);
  let ch: string | undefined;
  if (body.startsWith("#")) {
    const cp = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (Number.isFinite(cp) && cp > 0 && cp <= 0xffff) ch = String.fromCharCode(cp);
  } else {
    ch = NAMED_REFS[body];
  }
  // An empty span is dropped by tidy(): the reference then stays text.
  return ch ? { start: t.start, end: t.end, replace: ch } : { start: t.start, end: t.start };
}

/**
 * `**` runs the parser left as literal text: CommonMark does not let `**` close after `”` and before
 * `重` (`**“三个代表”**重要思想`), and converters wrap a whole table-like list in one bold
 * (`**- 指 标 …` … `4.8**`). Within one block of lines (up to a blank line), when such runs pair up
 * (an even number, each pair around non-blank text) they are bold markup; an odd count stays text.
 */
function cjkStrongPairs(src: string, runs: Tok[]): MarkupSpan[] {
  const blank: number[] = [];
  for (const m of src.matchAll(/\n[ \t]*(?=\n)/g)) blank.push(m.index);
  /** Index of the block of lines holding `at` (number of blank lines before it). */
  const blockOf = (at: number) => {
    let lo = 0;
    let hi = blank.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blank[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const byBlock = new Map<number, number[]>();
  for (const r of runs) {
    const s = src.slice(r.start, r.end);
    for (const m of s.matchAll(/(?<!\*)\*\*(?!\*)/g)) {
      const at = r.start + m.index;
      // Runs split across data tokens (`*` `*`) are found by looking at the source around them.
      if (src[at - 1] === "*" || src[at + 2] === "*") continue;
      const block = blockOf(at);
      let list = byBlock.get(block);
      if (!list) byBlock.set(block, (list = []));
      list.push(at);
    }
  }
  const out: MarkupSpan[] = [];
  const unpaired: number[] = [];
  for (const list of byBlock.values()) {
    const pairs: number[] = [];
    let ok = list.length % 2 === 0;
    for (let i = 0; ok && i < list.length; i += 2) {
      if (src.slice(list[i]! + 2, list[i + 1]!).trim().length === 0) ok = false;
      pairs.push(list[i]!, list[i + 1]!);
    }
    if (ok) for (const at of pairs) out.push(...strongRun(src, at));
    else unpaired.push(...list);
  }
  // A bold a converter opened at a line start and closed at a line end further down, across blank
  // lines (`**- 商品名称 …` … `| 俄罗斯 | 175 | … |**`): the two runs are markup too.
  unpaired.sort((a, b) => a - b);
  const lineStart = (at: number) => at === 0 || src[at - 1] === "\n";
  const lineEnd = (at: number) => at + 2 >= src.length || src[at + 2] === "\n" || src[at + 2] === "\r";
  for (let i = 0; i + 1 < unpaired.length; i++) {
    const open = unpaired[i]!;
    const close = unpaired[i + 1]!;
    if (lineStart(open) && /\S/.test(src[open + 2] ?? "") && lineEnd(close) && /\S/.test(src[close - 1] ?? "")) {
      out.push(...strongRun(src, open), ...strongRun(src, close));
      i++;
    }
  }
  return out;
}

/** A `**` run as markup; at a line start, a bullet right after it (`**- 指 标`) is markup as well. */
function strongRun(src: string, at: number): MarkupSpan[] {
  const run: MarkupSpan = { start: at, end: at + 2 };
  if (at === 0 || src[at - 1] === "\n") {
    const bullet = /^[-*+][ \t]+(?=\S)/.exec(src.slice(at + 2, at + 12));
    if (bullet) run.end += bullet[0].length;
  }
  return [run];
}

/** Sorted, disjoint, non-empty; a span inside another is dropped. */
function tidy(spans: MarkupSpan[]): MarkupSpan[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: MarkupSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) out[out.length - 1] = { start: last.start, end: s.end };
      continue;
    }
    out.push(s);
  }
  return out;
}

/**
 * Front matter → metadata: `title` is the document's title (never its unit), `source`/`url` the page
 * it came from, a `date` key the publication date; every scalar key is kept in `frontMatter`.
 */
export function frontMatterMeta(yamlText: string): DocumentMeta {
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch {
    return {};
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return {};
  const meta: DocumentMeta = {};
  const all: Record<string, string> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const v = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === "string" || typeof value === "number" ? String(value).trim() : null;
    if (!v) continue;
    all[key] = v;
    const k = key.toLowerCase();
    if (TITLE_KEYS.has(k) && meta.title === undefined) meta.title = v;
    else if (URL_KEYS.has(k) && /^https?:\/\//i.test(v) && meta.sourceUrl === undefined) meta.sourceUrl = v;
    else if (DATE_KEYS.has(k) && meta.publishedDate === undefined) meta.publishedDate = v;
  }
  if (Object.keys(all).length) meta.frontMatter = all;
  return meta;
}
