/**
 * @fileoverview Saved web pages (.html/.htm). The bytes are decoded per the page's own declaration
 * (BOM, `<meta charset>`, `<meta http-equiv="Content-Type" content="…; charset=gbk">`; GBK/GB2312 as
 * GB18030), then parsed with linkedom and the main content is extracted with Mozilla Readability
 * (the Firefox Reader View library). When Readability finds no article (short or unusual pages), a
 * heuristic takes the body without script/style/nav/header/footer/aside/form and without elements
 * whose class or id says navigation, breadcrumb, share, copyright or footer. Whatever chrome is left
 * in the text (当前位置, 打印/关闭 …) is marked by normalize like in the plain-text seeds.
 *
 * The title and the publication date come from the page metadata where present (ArticleTitle,
 * og:title, <title>; PubDate, article:published_time, …). The extracted text is block-structured:
 * one line per paragraph, heading or list item, separated by blank lines; a data table stays a table
 * (one line per row, cells separated by a tab, cells' offsets in `RawDocument.tables`: formats/compose.ts).
 */
import iconv from "iconv-lite";
import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";
import type { DocumentMeta } from "../model/document.js";
import { decodeText } from "./decode.js";
import { IngestError } from "./errors.js";
import type { FormatReader } from "./index.js";
import type { DomDocument, DomElement, DomNode } from "./dom.js";
import { isHtml } from "./sniff.js";
import { collapsedText, composeLines, tableToLines, type TextLine } from "./compose.js";
import { exceededHtmlLimit, hasNoMarkup, plainTextOfHtml } from "./html-limits.js";
export { isHtml };

/** The charset a page declares in its first 4 KiB, lower-cased (null when none). */
export function declaredCharset(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 4096)).toString("latin1");
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

const CHARSET_ALIASES: Record<string, string> = {
  gb2312: "gb18030",
  gbk: "gb18030",
  gb18030: "gb18030",
  "x-gbk": "gb18030",
  cp936: "gb18030",
  big5: "big5",
  "utf-8": "utf-8",
  utf8: "utf-8",
};

/** Decodes a page: BOM first, then its declared charset, then detection like plain text. */
export function decodeHtml(buf: Uint8Array): { text: string; encoding: string } {
  const hasBom = (buf[0] === 0xef && buf[1] === 0xbb) || (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
  const declared = declaredCharset(buf);
  if (!hasBom && declared) {
    const enc = CHARSET_ALIASES[declared] ?? (iconv.encodingExists(declared) ? declared : null);
    if (enc && enc !== "utf-8") return { text: iconv.decode(Buffer.from(buf), enc), encoding: enc };
    if (enc === "utf-8") {
      try {
        return { text: new TextDecoder("utf-8", { fatal: true }).decode(buf), encoding: "utf-8" };
      } catch {
        // Declared UTF-8 but is not: fall through to detection (pages are often mislabelled).
      }
    }
  }
  return decodeText(buf);
}

const BLOCK_TAGS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "CENTER", "DD", "DETAILS", "DIV", "DL", "DT", "FIELDSET", "FIGCAPTION", "FIGURE",
  "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "TABLE",
  "TBODY", "TD", "TFOOT", "TH", "THEAD", "TR", "UL",
]);
const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT", "SVG", "CANVAS", "BUTTON", "SELECT", "INPUT", "TEXTAREA"]);

/** Block-aware text of a DOM subtree: one line per block, `<br>` breaks, inline whitespace collapsed. */
export function domToLines(root: DomNode): string[] {
  return domToItems(root).map((l) => l.text);
}

/** Like {@link domToLines}, with each `<table>` kept as a table: one line per row with its cells (formats/compose.ts). */
export function domToItems(root: DomNode, tableIds = { next: 0 }): TextLine[] {
  const lines: TextLine[] = [];
  let cur = "";
  const breakLine = () => {
    // Markup whitespace collapses as a browser shows it; &nbsp; (U+00A0) is kept as written.
    const t = cur.replace(/[ \t\r\n\f]+/g, " ").trim();
    if (t) lines.push({ text: t });
    cur = "";
  };
  const visit = (node: DomNode): void => {
    if (node.nodeType === 3) {
      cur += node.textContent ?? "";
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as DomElement;
    const tag = el.tagName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return;
    if (tag === "BR") return breakLine();
    if (tag === "TABLE" && isDataTable(el)) {
      breakLine();
      lines.push(...tableToLines(el, tableIds.next++, cellText));
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) breakLine();
    for (const c of Array.from(el.childNodes)) visit(c);
    if (block) breakLine();
  };
  visit(root);
  breakLine();
  return lines;
}

/** A cell's text: its blocks and `<br>` lines joined by a space. */
function cellText(cell: DomElement): string {
  return domToItems(cell).map((l) => l.text).join(" ") || collapsedText(cell);
}

/**
 * A table that holds data, not page layout: no table inside it, at least two rows of two cells and a
 * cell that is a figure. Old government pages lay whole articles and their metadata block
 * (文号/发文机构/成文日期) out in tables; those stay lines, read as before.
 */
function isDataTable(table: DomElement): boolean {
  if (table.querySelector("table")) return false;
  const rows = Array.from(table.querySelectorAll("tr"));
  if (rows.filter((r) => Array.from(r.children).filter((c) => /^T[DH]$/i.test(c.tagName)).length >= 2).length < 2) return false;
  return Array.from(table.querySelectorAll("td,th")).some((c) => /^[-−]?\d[\d,，]*(?:\.\d+)?%?$/u.test(collapsedText(c)));
}

const CHROME_HINT = /(^|[\s_-])(nav|navbar|menu|breadcrumb|crumb|footer|foot|header|head-top|topbar|share|copyright|sidebar|side|toolbar|location|position|weizhi|dqwz|bottom)([\s_-]|$)/i;

/** Heuristic main content: the body minus obvious chrome elements. */
function heuristicLines(document: DomDocument): TextLine[] {
  const body = document.body;
  if (!body) return [];
  for (const el of Array.from(body.querySelectorAll("script,style,noscript,nav,header,footer,aside,form,iframe"))) el.remove();
  for (const el of Array.from(body.querySelectorAll("[class],[id]"))) {
    const hint = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
    if (CHROME_HINT.test(hint) && (el.textContent ?? "").length < 400) el.remove();
  }
  return domToItems(body);
}

function metaContent(document: DomDocument, names: string[]): string | null {
  for (const name of names) {
    const el = document.querySelector(`meta[name="${name}" i], meta[property="${name}" i], meta[itemprop="${name}" i]`);
    const v = el?.getAttribute("content")?.trim();
    if (v) return v;
  }
  return null;
}

/** `2021-12-13 16:07:17`, `2021/12/13`, `20211213160717`, `2021年12月13日`, ISO → `2021-12-13`. */
export function normalizeDate(v: string | null): string | null {
  if (!v) return null;
  const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})/.exec(v.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1949 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Page title: ArticleTitle / og:title, else <title> without a site-name suffix, else the first <h1>. */
function pageTitle(document: DomDocument): string | null {
  const fromMeta = metaContent(document, ["ArticleTitle", "og:title", "twitter:title", "dc.title"]);
  if (fromMeta) return fromMeta;
  const t = document.querySelector("title")?.textContent?.replace(/\s+/g, " ").trim();
  if (t) return t.split(/\s*(?:[_|｜]|\s-\s|——)\s*/)[0]!.trim() || t;
  const h1 = document.querySelector("h1")?.textContent?.trim();
  return h1 || null;
}

/** Metadata lines of government pages (来源, 发布时间, 成文日期, 发文机构, 文号, …). */
const META_LINE = /^(?:信息)?(?:来源|发布时间|发布日期|成文日期|发文日期|发文机构|发布机构|文\s*号|发文字号|索引号|主题分类|信息分类|名\s*称|标\s*题|作者|日期)\s*[:：]|发布时间\s*[:：]/;

/**
 * Readability keeps the article body and drops the metadata block next to it (来源/发布时间/文号 …),
 * which segment reads as metadata and the year checks use: put those lines back before the body.
 */
function recoverMetaLines(lines: TextLine[], all: TextLine[]): TextLine[] {
  const have = new Set(lines.map((l) => l.text));
  const firstBody = all.findIndex((l) => have.has(l.text));
  if (firstBody <= 0) return lines;
  const meta = all.slice(0, firstBody).filter((l) => !l.cells && META_LINE.test(l.text) && !have.has(l.text) && l.text.length <= 200);
  return meta.length ? [...meta, ...lines] : lines;
}

/** `<meta>` names of the publication date, in order of trust. */
const PUBLISHED_META = ["PubDate", "publishdate", "publish_date", "pubdate", "article:published_time", "og:article:published_time", "datePublished", "dc.date", "dc.date.issued", "firstpublishedtime", "date"];

export interface ExtractedPage {
  lines: string[];
  /** The same lines, table rows with their cells. */
  items: TextLine[];
  title: string | null;
  publishedDate: string | null;
  /** `readability`, `heuristic`, or `plain` (no DOM: html-limits.ts). */
  method: string;
}

export function extractPage(html: string): ExtractedPage {
  const { document } = parseHTML(html);
  const title = pageTitle(document as unknown as DomDocument);
  const publishedDate = normalizeDate(metaContent(document as unknown as DomDocument, PUBLISHED_META));
  let lines: TextLine[] = [];
  let method = "readability";
  try {
    const clone = parseHTML(html).document as unknown as DomDocument;
    const article = new Readability(clone as never, { charThreshold: 100 }).parse();
    if (article?.content) {
      const { document: frag } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
      lines = domToItems(frag.body as unknown as DomNode);
    }
  } catch {
    lines = [];
  }
  const heuristic = heuristicLines(document as unknown as DomDocument);
  // Readability sometimes keeps only the largest block of a long report split across several
  // containers: prefer the heuristic when it finds much more text.
  const len = (ls: TextLine[]) => ls.reduce((n, l) => n + l.text.length, 0);
  if (len(lines) < 50 || len(heuristic) > len(lines) * 1.6) {
    lines = heuristic;
    method = "heuristic";
  }
  if (method === "readability") lines = recoverMetaLines(lines, heuristic);
  if (title) {
    const head = lines.slice(0, 5).map((l) => l.text).join("");
    const bare = title.replace(/\s+/g, "");
    if (!head.replace(/\s+/g, "").includes(bare)) lines.unshift({ text: title });
  }
  return { lines: lines.map((l) => l.text), items: lines, title, publishedDate, method };
}

export const htmlReader: FormatReader = {
  name: "html",
  extensions: [".html", ".htm", ".xhtml", ".shtml"],
  sniff: isHtml,
  async read(buf) {
    const { text, encoding } = decodeHtml(buf);
    if (hasNoMarkup(text)) {
      const note = { code: "W_HTML_PLAIN", zh: "扩展名是网页，但内容没有任何 HTML 标记：按纯文本读取", en: "named as a web page but contains no HTML markup: read as plain text" };
      return { original: text, encoding, meta: { readerNotes: [note] }, format: "txt" };
    }
    let page: ExtractedPage | null = null;
    // Beyond the caps (html-limits.ts), or when the DOM path fails, the text is taken without a DOM.
    const limit = exceededHtmlLimit(text);
    let note: { code: string; zh: string; en: string } | null = null;
    if (limit) {
      const why = {
        size: { zh: `网页过大（${limit.value} 字符，正文提取上限 ${limit.limit}）`, en: `web page too large for main-content extraction (${limit.value} characters, limit ${limit.limit})` },
        elements: { zh: `网页元素过多（超过 ${limit.limit} 个）`, en: `too many elements for main-content extraction (over ${limit.limit})` },
        depth: { zh: `网页元素嵌套超过 ${limit.limit} 层`, en: `web page nested too deeply for main-content extraction (over ${limit.limit} levels)` },
      }[limit.kind];
      note = { code: "W_HTML_PLAIN", zh: `${why.zh}：未做正文提取，按去掉标记的全文检查`, en: `${why.en}: checked as the whole page's text without markup` };
    } else {
      try {
        page = extractPage(text);
      } catch (e) {
        const why = (e as Error)?.message ?? String(e);
        note = { code: "W_HTML_PLAIN", zh: `无法解析网页（${why}）：按去掉标记的全文检查`, en: `cannot parse the web page (${why}): checked as the whole page's text without markup` };
      }
    }
    if (!page) {
      const plain = plainTextOfHtml(text);
      const date = PUBLISHED_META.map((n) => plain.meta.get(n.toLowerCase())).find(Boolean);
      page = { lines: plain.lines, items: plain.lines.map((text) => ({ text })), title: plain.meta.get("articletitle") ?? plain.title, publishedDate: normalizeDate(date ?? null), method: "plain" };
    }
    const meta: DocumentMeta = { sourceForm: "web page", ...(note ? { readerNotes: [note] } : {}) };
    if (page.title) meta.title = page.title;
    if (page.publishedDate) meta.publishedDate = page.publishedDate;
    const { original, tables, markup } = composeLines(page.items, "html");
    return { original, encoding, meta, ...(tables.length ? { tables, markup } : {}) };
  },
};
