/**
 * @fileoverview Detectors for text that PDF/web extraction left in a report and that is not report
 * prose: page numbers and viewer chrome (`第3页 / 共34页`, `- 3 -`), list numbers glued to years
 * (`一、9 2019 年度` → the stray `9`), stray letters at a line start (` X XX 市人民政府`), mojibake
 * (U+FFFD, 锟斤拷, Latin-1 read as UTF-8, private-use and control characters) and repeated short lines
 * (watermarks, running headers).
 *
 * Pure functions over a string; offsets are relative to that string. Used by the `extraction-noise`
 * check, and usable by normalize to mark the same spans as noise so other checks skip them.
 */

export type ExtractionNoiseKind = "page-number" | "glued-number" | "stray-char" | "mojibake" | "repeated-line" | "split-marker";

export interface NoiseHit {
  start: number;
  end: number;
  kind: ExtractionNoiseKind;
  /** What was recognised (example: `9` glued to `2019年`). */
  detail?: Record<string, string | number>;
}

const PAGE_LINE = /^[ \t\u3000]*(?:第\s*\d{1,4}\s*页\s*(?:[/／,，、]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*[/／,，]?\s*第\s*\d{1,4}\s*页|[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}\s*[/／]\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?)[ \t\u3000]*$/gmu;

/** Page numbers and page counters standing on their own line. */
export function findPageNumbers(text: string): NoiseHit[] {
  const out: NoiseHit[] = [];
  for (const m of text.matchAll(PAGE_LINE)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body.length === 0) continue;
    out.push({ start: m.index + lead, end: m.index + lead + body.length, kind: "page-number", detail: { text: body } });
  }
  return out;
}

// NOTE: a single digit directly before a four-digit year, after a list marker, 关于, a space or a
// line start: `一、9 2019 年度`, `三、0 2020 年工作计划`, `关于 9 2019 年度`. Once normalization drops
// the spaces this reads `92019年`: a five-digit "year" that no report writes on purpose.
const GLUED = /(?<=^|[、.．）)\s]|关于|对于)(\d)([ \t\u3000]*)((?:19|20)\d{2})(?=[ \t\u3000]*年)/gmu;

/** List numbers glued to the year that follows (PDF extraction). The hit covers the stray digit. */
export function findGluedNumbers(text: string): NoiseHit[] {
  const out: NoiseHit[] = [];
  for (const m of text.matchAll(GLUED)) {
    out.push({ start: m.index, end: m.index + 1, kind: "glued-number", detail: { digit: m[1]!, year: Number(m[3]) } });
  }
  return out;
}

// A lone Latin letter at a line start, separated by a space from what follows (a drop-cap or page
// header fragment): ` X XX 市人民政府关于…`.
const STRAY = /^[ \t\u3000]*([A-Za-z])[ \t\u3000]+(?=[A-Za-z×]{2}|[\u3400-\u9fff])/gmu;

/** Stray single letters at line starts. */
export function findStrayChars(text: string): NoiseHit[] {
  const out: NoiseHit[] = [];
  for (const m of text.matchAll(STRAY)) {
    const at = m.index + m[0].indexOf(m[1]!);
    out.push({ start: at, end: at + 1, kind: "stray-char", detail: { char: m[1]! } });
  }
  return out;
}

const MOJIBAKE = /(?:\uFFFD|锟斤拷|烫烫烫|屯屯屯|[\u00C2-\u00C3\u00C5\u00C6\u00E2\u00E5-\u00E9][\u0080-\u00BF\u00A0-\u00FF\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2122]|[\uE000-\uF8FF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F])+/gu;

/** Mojibake and characters no report text contains. Consecutive ones form one hit. */
export function findMojibake(text: string): NoiseHit[] {
  const out: NoiseHit[] = [];
  for (const m of text.matchAll(MOJIBAKE)) {
    const s = m[0];
    // A single accented Latin letter between Latin letters is a real word (café), not mojibake.
    if (s.length === 1 && /[A-Za-z]/.test(text[m.index - 1] ?? "") && /[A-Za-z]/.test(text[m.index + 1] ?? "")) continue;
    out.push({ start: m.index, end: m.index + s.length, kind: "mojibake", detail: { text: s, codePoints: [...s].map((c) => "U+" + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")).join(" ") } });
  }
  return out;
}

/**
 * Short lines repeated at least `min` times (watermarks, running headers and footers of each PDF page).
 * @param isExcluded lines to ignore (headings, chrome), by [start, end)
 */
export function findRepeatedLines(text: string, min: number, maxLength: number, isExcluded: (s: number, e: number) => boolean = () => false, minLineGap = 5): NoiseHit[] {
  const lines = new Map<string, { start: number; end: number; line: number; beforeTable: boolean }[]>();
  let pos = 0;
  let lineNo = 0;
  const all = text.split("\n");
  for (const [k, raw] of all.entries()) {
    lineNo++;
    const body = raw.trim();
    const lead = raw.length - raw.trimStart().length;
    const start = pos + lead;
    pos += raw.length + 1;
    if (body.length < 2 || body.length > maxLength) continue;
    if (/^[\d\s.,、:：%]+$/u.test(body)) continue; // bare numbers: tables, not watermarks
    if (/[。！？!?；;，,：:]$/u.test(body)) continue; // a sentence (各位代表！), not a watermark
    // A table's unit note (单位：亿元) or header row (指标 单位 绝对数 比上年增长%) repeats with every
    // table of a statistical communiqué by design.
    if (/^[（(]?单\s*位\s*[:：]/u.test(body)) continue;
    const end = start + body.length;
    if (isExcluded(start, end)) continue;
    const list = lines.get(body) ?? [];
    list.push({ start, end, line: lineNo, beforeTable: isTableRow(nextLine(all, k)) });
    lines.set(body, list);
  }
  const out: NoiseHit[] = [];
  for (const [body, list] of lines) {
    if (list.length < min) continue;
    if (list.filter((l) => l.beforeTable).length * 2 > list.length) continue;
    // Watermarks and running headers come once per page: occurrences are spread out, not clustered
    // (a quote split over lines repeats its first word on adjacent lines).
    const gaps = list.slice(1).map((l, i) => l.line - list[i]!.line).sort((a, b) => a - b);
    if (gaps[Math.floor(gaps.length / 2)]! < minLineGap) continue;
    for (const l of list) out.push({ start: l.start, end: l.end, kind: "repeated-line", detail: { text: body, count: list.length } });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The next non-blank line after index `k`, trimmed ("" when none). */
function nextLine(lines: readonly string[], k: number): string {
  for (let i = k + 1; i < lines.length; i++) if (lines[i]!.trim()) return lines[i]!.trim();
  return "";
}

/** A row of a table flattened to text: three or more fields separated by spaces or bars, one a number. */
function isTableRow(line: string): boolean {
  const fields = line.split(/[ \t\u3000|｜]+/u).filter(Boolean);
  return fields.length >= 3 && fields.some((f) => /^-?\d[\d.,]*%?$/u.test(f));
}

// A heading marker broken by a line break: `（` alone on its line, `三）改革开放…` on the next.
const SPLIT_MARKER = /^[ \t\u3000]*([（(])[ \t\u3000]*\n[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]/gmu;

/** Heading markers split over two lines by extraction. The hit runs from the bracket to the closing bracket. */
export function findSplitMarkers(text: string): NoiseHit[] {
  const out: NoiseHit[] = [];
  for (const m of text.matchAll(SPLIT_MARKER)) {
    const at = m.index + m[0].indexOf(m[1]!);
    const end = m.index + m[0].length;
    out.push({ start: at, end, kind: "split-marker", detail: { marker: text.slice(at, end).replace(/\s+/gu, "") } });
  }
  return out;
}
