/**
 * @fileoverview Caps on what the web-page reader hands to linkedom + Readability, and the linear
 * plain-text extraction used beyond them (issue 14 §9).
 *
 * Readability's cost grows with the nesting depth (ancestor walks per candidate paragraph; measured on
 * 2 shared cores with 20 paragraphs: depth 128 0.5 s, 256 1.2 s, 512 5.1 s, 1,000 32 s), and linkedom's
 * and Readability's with the size and the number of elements (a 10 MB page: parse 4.8 s + Readability
 * 10 s, then the fallback heuristic on top; 24,000 elements in 0.8 MB: 4.9 s). Saved report pages are tens to a few hundred KB, nested a few dozen levels deep.
 * Beyond either cap, the page's text is taken by one pass over the markup instead: tags dropped,
 * block tags as line breaks, script/style/comments skipped, entities decoded. No DOM, no recursion.
 */

/** Decoded characters of markup handed to the DOM path at most. */
export const HTML_MAX_DOM_CHARS = 1_000_000;
/** Elements (start tags) handed to the DOM path at most: 24,000 took 4.9 s there, 12,000 2.6 s (loaded 2-core machine). */
export const HTML_MAX_ELEMENTS = 20_000;
/** Element nesting depth handed to the DOM path at most. */
export const HTML_MAX_DEPTH = 160;

export interface HtmlLimit {
  kind: "size" | "elements" | "depth";
  /** The page's measure; for elements and depth, counting stops just past the limit. */
  value: number;
  limit: number;
}

/** The cap a page exceeds (size first: it is free to measure), or null. Linear in the page's length. */
export function exceededHtmlLimit(html: string): HtmlLimit | null {
  if (html.length > HTML_MAX_DOM_CHARS) return { kind: "size", value: html.length, limit: HTML_MAX_DOM_CHARS };
  const m = measureHtml(html, { depth: HTML_MAX_DEPTH + 1, elements: HTML_MAX_ELEMENTS + 1 });
  if (m.depth > HTML_MAX_DEPTH) return { kind: "depth", value: m.depth, limit: HTML_MAX_DEPTH };
  if (m.elements > HTML_MAX_ELEMENTS) return { kind: "elements", value: m.elements, limit: HTML_MAX_ELEMENTS };
  return null;
}

/** True when the text holds no markup at all (a `.html` file that is plain text). */
export function hasNoMarkup(text: string): boolean {
  return !/<[A-Za-z!/?]/.test(text);
}

/** Elements with no content (never open a level). */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen", "command", "basefont", "bgsound", "frame"]);
/**
 * Elements whose end tag may be left out (a page of unclosed <p> or <li> is flat, not deep), and the
 * document-level ones: not counted as levels.
 */
const OPTIONAL_END = new Set(["p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head", "body"]);
/** Elements whose content is raw text: skipped up to their end tag. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "noscript", "template", "iframe", "noembed", "noframes", "plaintext"]);

/**
 * One token at a time (sticky): a comment start, a doctype / processing instruction, a start or end
 * tag, a run of text, or a lone `<` (text). Every alternative stops at the next `<` or runs to the end,
 * so each character is scanned once. Ends of comments and raw text are found by literal searches
 * (no backtracking: a lazy `[\s\S]*?` overflows the regexp stack on megabytes).
 */
const TOKEN = /<!--|<[!?][^<>]*>?|<(\/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)>|[^<]+|</y;

interface Token {
  /** Index after the token. */
  end: number;
  close: boolean;
  name: string;
  /** The text between the name and `>`. */
  attrs: string;
  selfClosing: boolean;
}

/**
 * Walks the markup token by token, linear in its length. `onText` gets the text between tags (entities
 * not decoded), `onTag` every tag; the content of raw-text elements and comments is skipped.
 *
 * Regular expressions only (no indexOf from a position): TurboFan-optimised `indexOf(…, i)` loops over a
 * 10 MB UTF-16 page turned minutes-long after other pages had been read (Node 20, measured 2026-12-06).
 */
function scan(html: string, onTag: (t: Token) => boolean | void, onText?: (s: string) => void): void {
  const re = new RegExp(TOKEN.source, "y");
  const n = html.length;
  let i = 0;
  while (i < n) {
    re.lastIndex = i;
    const m = re.exec(html)!;
    const end = re.lastIndex;
    const name = m[2];
    if (name === undefined) {
      if (m[0] === "<!--") {
        // A comment runs to `-->`; an unclosed one to the end, as in a browser.
        i = skipPast(html, /-->/g, end);
        continue;
      }
      const c = m[0].charCodeAt(0);
      if (c !== 60 /* < */) onText?.(m[0]);
      else if (m[0].length === 1) onText?.("<");
      i = end;
      continue;
    }
    const lower = name.toLowerCase();
    const token: Token = { end, close: m[1] === "/", name: lower, attrs: m[3]!, selfClosing: m[3]!.endsWith("/") };
    if (onTag(token) === false) return;
    i = end;
    if (!token.close && RAW_TEXT.has(lower)) {
      // Raw text up to the element's end tag (any case) and its `>`; none: the rest of the page.
      const close = skipPast(html, new RegExp(`</${lower}`, "gi"), i);
      i = close < n ? skipPast(html, />/g, close) : n;
    }
  }
}

/** Index just after the next match of `literal` (a global regexp) from `from`, or the end of `s`. */
function skipPast(s: string, literal: RegExp, from: number): number {
  literal.lastIndex = from;
  return literal.exec(s) ? literal.lastIndex : s.length;
}

/**
 * Element count and approximate nesting depth, as a browser's tree builder would see the depth: void,
 * self-closed and optional-end-tag elements open no level; an end tag closes its latest open element
 * of that name (and any opened after it); a stray end tag is ignored. Stops at either limit.
 */
export function measureHtml(html: string, stopAt: { depth: number; elements: number } = { depth: Infinity, elements: Infinity }): { depth: number; elements: number } {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let depth = 0;
  let elements = 0;
  scan(html, (t) => {
    if (!t.close) elements++;
    if (VOID.has(t.name) || OPTIONAL_END.has(t.name) || RAW_TEXT.has(t.name)) return elements < stopAt.elements;
    if (!t.close) {
      if (t.selfClosing) return elements < stopAt.elements;
      stack.push(t.name);
      open.set(t.name, (open.get(t.name) ?? 0) + 1);
      if (stack.length > depth) depth = stack.length;
      return depth < stopAt.depth && elements < stopAt.elements;
    }
    if (!open.get(t.name)) return;
    for (;;) {
      const top = stack.pop()!;
      open.set(top, open.get(top)! - 1);
      if (top === t.name) break;
    }
  });
  return { depth, elements };
}

const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "center", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
  "thead", "tr", "ul", "br", "body", "html", "head",
]);

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: "\u00a0", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’", mdash: "—", ndash: "–",
  hellip: "…", middot: "·", bull: "•", emsp: "\u2003", ensp: "\u2002", thinsp: "\u2009", times: "×", divide: "÷", copy: "©", reg: "®", deg: "°",
  plusmn: "±", permil: "‰", laquo: "«", raquo: "»", yen: "¥",
};

/** Named (common ones), decimal and hex character references. */
export function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,8}));?/g, (all, dec?: string, hex?: string, name?: string) => {
    if (name) return NAMED_ENTITIES[name.toLowerCase()] ?? all;
    const cp = dec ? Number(dec) : parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : "\ufffd";
  });
}

/**
 * The page's text without a DOM: one line per block element or `<br>`, inline whitespace collapsed
 * as a browser shows it (like domToLines in html.ts), script/style/comment content dropped. The title
 * comes from the first <title>; `meta` maps each `<meta name|property|itemprop=… content=…>` (name
 * lower-cased, first one wins).
 */
export function plainTextOfHtml(html: string): { lines: string[]; title: string | null; meta: Map<string, string> } {
  const lines: string[] = [];
  let cur: string[] = [];
  const breakLine = () => {
    const t = decodeEntities(cur.join("")).replace(/[ \t\r\n\f]+/g, " ").trim();
    if (t) lines.push(t);
    cur = [];
  };
  let title: string | null = null;
  const meta = new Map<string, string>();
  scan(
    html,
    (t) => {
      if (t.name === "title" && !t.close && title === null) {
        const m = /([^<]{0,1000})<\/title/iy;
        m.lastIndex = t.end;
        const raw = decodeEntities(m.exec(html)?.[1] ?? "").replace(/\s+/g, " ").trim();
        title = raw.split(/\s*(?:[_|｜]|\s-\s|——)\s*/)[0]!.trim() || raw || null;
      }
      if (t.name === "meta" && !t.close) {
        const attr = (n: string) => new RegExp(`(?:^|\\s)${n}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'=]+))`, "i").exec(t.attrs);
        const key = attr("(?:name|property|itemprop)");
        const content = attr("content");
        const k = key && (key[1] ?? key[2] ?? key[3])!.toLowerCase();
        if (k && content && !meta.has(k)) meta.set(k, decodeEntities((content[1] ?? content[2] ?? content[3])!).trim());
      }
      if (BLOCK.has(t.name)) breakLine();
    },
    (s) => cur.push(s),
  );
  breakLine();
  return { lines, title, meta };
}
