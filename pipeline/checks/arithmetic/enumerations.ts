/**
 * @fileoverview A count announced before its list: `重点抓好四个方面工作：一是…；二是…；三是…。`,
 * `着力构建“四个体系”，即制度体系、执行体系、监督体系。`, `推出五项措施：` followed by （一）…（四）, and a
 * count that refers back to the list before it (`以上三点`, `上述四项`). counts.ts reads the other order (a
 * count after the list it sums up); both report kind `count`.
 *
 * The list is read in the form the text gives right after the announcement, and only when its end is
 * certain:
 * - run-in markers in the same paragraph (一是/二是, 第一/第二, 首先/其次/最后), continued by following
 *   paragraphs that open with the next marker;
 * - numbered blocks after an announcement that ends its paragraph with a colon (（一）, 1., （1）, 一是 …):
 *   the items of the first marker's style from 1 on, up to a marker of a higher level, a restart at 1,
 *   or the end of the text; paragraphs without a marker and deeper markers are the items' bodies;
 * - an inline list after 即/分别是/分别为/包括/： (`A、B和C`), up to the end of the sentence or clause.
 * Markers must run 1, 2, 3 … without a gap or a restart inside the span read (numbering reports gaps;
 * a nested list leaves the outer count unknown), and a list of `A、B、C` is trusted only with 即/分别是/分别为
 * or when its items end like the counted noun (…体系).
 *
 * Silent where the list legitimately continues or the count is not the list's: 等, 主要有/主要包括/其中/
 * 包括…在内/之一 in the announcement, a count that is a named formula quoted and then explained by prose,
 * counts below 2 or above 12, and announcements whose noun phrase holds more than the counted noun and a
 * short head (`以“三个聚焦”为抓手：` counts a slogan, not the list).
 */
import type { Block, SegmentedDocument } from "../../model/document.js";
import { STYLE_LEVEL } from "../../text/numbering.js";
import { parseChineseNumber } from "../../text/arith-numbers.js";
import { splitTopLevel } from "./counts.js";
import { profileOf } from "../../stages/profile.js";

export interface EnumerationResult {
  /** Span of the count, relative to the block. */
  span: [number, number];
  stated: number;
  listed: number;
  noun: string;
  form: "run-in" | "blocks" | "inline" | "back-reference";
  /** Item markers or item texts, with spans relative to the block (may lie in other blocks). */
  items: { text: string; span: [number, number] }[];
}

const CN = "[两二三四五六七八九十]|十[一二]";
/** A count and its counted unit: 四个方面, 三项, 五大, 两条, 三点. */
const ANNOUNCE = new RegExp(`(?<![第\\d.零〇一二三四五六七八九十百千万])(${CN}|\\d{1,2})\\s*(个方面|方面|个|项|条|大|点|类|种|件)`, "gu");
/** Words that make the announced list open-ended or partial. */
const OPEN_ENDED = /等|主要有|主要包括|主要是|主要表现|其中|在内|之一|若干|多个|几个|不少|一些|部分/u;
/** The noun phrase after the count may not hold a verb frame (`以“三个聚焦”为抓手`, `按照三项要求`). */
const FRAME = /为|以|作为|围绕|按照|根据|依据|对照|结合|通过|实现了|取得|开展了/u;
const INLINE_INTRO = /^\s*[，,]?\s*(?:即|也就是|分别是|分别为|具体是|具体为|包括|包含|涵盖)\s*[：:]?/u;
const CLOSED_INTRO = /即|也就是|分别是|分别为|具体是|具体为/u;
const BACK_REF = new RegExp(`(?:以上|上述|前述)(${CN})\\s*(个方面|方面|项|条|点|个)`, "gu");
const RUN_IN = new RegExp(
  `(?<=^|[：:；;。！？，,\\s])(?:(${CN}|[一二三四五六七八九十])是|第(${CN}|[一二三四五六七八九十])(?=[，,、：:])|(首先|其次|再次|然后|最后))` +
    // 1. / 1、 (not 1.5) and （1） / （一） inside a paragraph: after ：；。 only (a 、 list of numbers is not a list of items).
    `|(?<=^|[：:；;。！？\\s])(?:(\\d{1,2})[.．、](?!\\d)|[（(](\\d{1,2})[)）]|[（(](${CN}|[一二三四五六七八九十])[)）])`,
  "gu",
);

function countValue(s: string): number | null {
  return /^\d+$/u.test(s) ? Number(s) : parseChineseNumber(s);
}

interface Marker {
  value: number;
  start: number;
  end: number;
  text: string;
  kind: "shi" | "di" | "seq" | "dot" | "paren" | "cn-paren";
}

/** Run-in markers of `text` from `from` on. */
function runInMarkers(text: string, from: number): Marker[] {
  const out: Marker[] = [];
  RUN_IN.lastIndex = 0;
  for (const m of text.slice(from).matchAll(RUN_IN)) {
    const start = from + m.index;
    const numbered = m[1] ?? m[2] ?? m[4] ?? m[5] ?? m[6];
    if (numbered) {
      const v = countValue(numbered);
      if (v === null) continue;
      const kind = m[1] ? "shi" : m[2] ? "di" : m[4] ? "dot" : m[5] ? "paren" : "cn-paren";
      out.push({ value: v, start, end: start + m[0].length, text: m[0], kind });
    } else {
      const seq = m[3]!;
      out.push({ value: seq === "首先" ? 1 : seq === "最后" ? -1 : 0, start, end: start + m[0].length, text: m[0], kind: "seq" });
    }
  }
  return out;
}

/**
 * The announcements of one paragraph block and the lists that follow or precede them.
 * @param doc the whole document (block lists run past the paragraph)
 */
export function checkEnumerations(block: Block, doc: SegmentedDocument): EnumerationResult[] {
  const text = block.text;
  const out: EnumerationResult[] = [];
  for (const m of text.matchAll(ANNOUNCE)) {
    const n = countValue(m[1]!);
    if (n === null || n < 2 || n > 12) continue;
    const countEnd = m.index + m[0].length;
    // The noun phrase: to the end of the clause.
    // (A quoted formula may be followed by 即 without a comma: `“六个美丽”即美丽生态、…`.)
    const rest = /^[^，,。；;：:！？!?\n即]*/u.exec(text.slice(countEnd))![0];
    const after = countEnd + rest.length;
    const clauseStart = Math.max(...["，", ",", "。", "；", ";", "：", ":", "！", "？", "\n"].map((d) => text.lastIndexOf(d, m.index - 1))) + 1;
    const lead = text.slice(clauseStart, m.index);
    const noun = rest.replace(/[“”"‘’「」]/gu, "").replace(/(?:的)?(?:工作|重点工作|任务)$/u, "");
    if (rest.length > 12 || FRAME.test(rest) || /、/u.test(lead) || OPEN_ENDED.test(lead + rest)) continue;
    // A quoted formula (“四个体系”) must close within the noun phrase.
    const unit = m[2]!;
    // The count and its noun (`四个方面工作`, `四个体系` inside its quotes).
    const span: [number, number] = [m.index, countEnd + rest.replace(/[”"’」]+$/u, "").length];
    const head = (unit === "个" || unit === "大" ? noun : unit + noun).replace(/^个/u, "");
    const delim = text[after];
    if (delim === "：" || delim === ":") {
      const body = text.slice(after + 1);
      if (body.trim().length === 0) {
        const r = blockList(doc, block, n);
        if (r && r.length !== n) out.push({ span, stated: n, listed: r.length, noun: head, form: "blocks", items: r });
        continue;
      }
      const runIn = runInList(text, after + 1, doc, block);
      if (runIn) {
        if (runIn !== "unknown" && runIn.length !== n) out.push({ span, stated: n, listed: runIn.length, noun: head, form: "run-in", items: runIn });
        continue;
      }
      const inline = inlineList(text, after + 1, head, false);
      if (inline && !inline.counts.includes(n)) out.push({ span, stated: n, listed: inline.items.length, noun: head, form: "inline", items: inline.items });
      continue;
    }
    const intro = INLINE_INTRO.exec(text.slice(after));
    if (intro) {
      const inline = inlineList(text, after + intro[0].length, head, CLOSED_INTRO.test(intro[0]));
      if (inline && !inline.counts.includes(n)) out.push({ span, stated: n, listed: inline.items.length, noun: head, form: "inline", items: inline.items });
    }
  }
  for (const m of text.matchAll(BACK_REF)) {
    const n = countValue(m[1]!);
    if (n === null || n < 2) continue;
    const r = precedingList(text, m.index, doc, block);
    if (r && r.length !== n) out.push({ span: [m.index, m.index + m[0].length], stated: n, listed: r.length, noun: m[2]!, form: "back-reference", items: r });
  }
  return out;
}

/**
 * Run-in markers right after the colon: 一是/第一/首先 opens the list. Returns the items (1..k), "unknown"
 * when the markers do not run cleanly, or null when the text does not open with a marker.
 */
function runInList(text: string, from: number, doc: SegmentedDocument, block: Block): EnumerationResult["items"] | "unknown" | null {
  const lead = /^\s*/u.exec(text.slice(from))![0].length;
  const ms = runInMarkers(text, from).filter((x) => x.start >= from);
  const first = ms[0];
  if (!first || first.start !== from + lead || first.value !== 1) return null;
  const kind = first.kind;
  const same = ms.filter((x) => x.kind === kind);
  const items: EnumerationResult["items"] = [];
  if (kind === "seq") {
    // 首先 … 其次 … (再次 …) 最后: closed only by 最后, in this paragraph.
    const seen = new Set<string>();
    for (const x of same) {
      if (seen.has(x.text) && x.text !== "再次") return "unknown";
      seen.add(x.text);
      items.push({ text: x.text, span: [x.start, x.end] });
    }
    return seen.has("最后") ? items : "unknown";
  }
  let expect = 1;
  for (const x of same) {
    if (x.value !== expect) return "unknown";
    items.push({ text: x.text, span: [x.start, x.end] });
    expect++;
  }
  // Continued by the following paragraphs that open with the next marker (`二是…` as a paragraph).
  const blocks = doc.blocks;
  for (let i = block.index + 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind !== "paragraph") break;
    const bm = runInMarkers(b.text, 0).filter((x) => x.kind === kind);
    const lead2 = /^\s*/u.exec(b.text)![0].length;
    if (!bm[0] || bm[0].start !== lead2 || bm[0].value !== expect) break;
    for (const x of bm) {
      if (x.value !== expect) return "unknown";
      items.push({ text: x.text, span: [b.start - block.start + x.start, b.start - block.start + x.end] });
      expect++;
    }
  }
  return items;
}

/**
 * The markers a numbered block holds: its leading marker, and for a run-in style (一是, 第一) the
 * markers of the same kind inside it (`一是…。二是…。三是…。` as one paragraph). Spans relative to the block.
 */
function markersOfBlock(b: Block): { value: number; text: string; start: number; end: number }[] {
  const nb = b.numbering!;
  const lead = { value: nb.value, text: nb.raw, start: nb.start - b.start, end: nb.end - b.start };
  if (nb.style !== "cn-shi" && nb.style !== "cn-di") return [lead];
  const kind = nb.style === "cn-shi" ? "shi" : "di";
  const ms = runInMarkers(b.text, 0).filter((x) => x.kind === kind);
  return ms.length && ms[0]!.value === nb.value ? ms : [lead];
}

const BULLET = /^\s*(——|—|●|•|■|◆|◇|○|☆|★|▪|·)/u;

function bulletOf(b: Block): string | null {
  return b.kind === "paragraph" ? (BULLET.exec(b.text)?.[1] ?? null) : null;
}

/** Contiguous paragraphs opening with the same bullet, from `from` forward (dir 1) or backward (dir −1). */
function bulletRun(blocks: readonly Block[], from: number, dir: 1 | -1, block: Block): EnumerationResult["items"] {
  const mark = bulletOf(blocks[from]!)!;
  const items: EnumerationResult["items"] = [];
  for (let i = from; i >= 0 && i < blocks.length; i += dir) {
    const b = blocks[i]!;
    if (b.kind === "chrome") continue;
    if (bulletOf(b) !== mark) break;
    const at = b.text.indexOf(mark);
    const item = { text: mark, span: [b.start - block.start + at, b.start - block.start + at + mark.length] as [number, number] };
    if (dir === 1) items.push(item);
    else items.unshift(item);
  }
  return items;
}

const LIST_STYLES = new Set(["cn-dun", "cn-paren", "arabic-dot", "arabic-paren", "cn-shi", "cn-di"]);

/** Numbered blocks after an announcement that ends its paragraph: the items of the first marker's style. */
function blockList(doc: SegmentedDocument, block: Block, stated: number): EnumerationResult["items"] | null {
  const blocks = doc.blocks;
  const next = blocks.slice(block.index + 1).find((b) => b.kind !== "chrome");
  if (next && bulletOf(next)) return bulletRun(blocks, next.index, 1, block);
  const style = next?.numbering?.style;
  if (!next || !style || !LIST_STYLES.has(style) || next.numbering!.value !== 1 || (next.kind !== "paragraph" && next.kind !== "heading")) return null;
  const level = STYLE_LEVEL[style] ?? 9;
  const items: EnumerationResult["items"] = [];
  let expect = 1;
  let closed = false;
  for (let i = next.index; i < blocks.length && !closed; i++) {
    const b = blocks[i]!;
    if (b.kind === "chrome") continue;
    if (b.kind !== "paragraph" && b.kind !== "heading") {
      closed = true;
      break;
    }
    const nb = b.numbering;
    if (!nb) continue;
    const l = STYLE_LEVEL[nb.style] ?? 9;
    if (nb.style === style) {
      if (nb.value === 1 && items.length > 0) {
        closed = true;
        break;
      }
      for (const x of markersOfBlock(b)) {
        if (x.value !== expect) return null;
        items.push({ text: x.text, span: [b.start - block.start + x.start, b.start - block.start + x.end] });
        expect++;
      }
      continue;
    }
    // A marker of a higher level closes the list; deeper ones are the items' own lists.
    if (l < level || (level === 9 && l < 9)) closed = true;
  }
  // The text ends inside the list: trusted only when the profile finds the text complete (a page cut
  // short or an excerpt may have lost the last items).
  if (!closed && items.length < stated && !profileOf(doc).complete) return null;
  return items.length >= 1 ? items : null;
}

/**
 * An inline list after 即/分别是/包括/：, up to 。/；(or the first ，when the list is made of short items):
 * `制度体系、执行体系和监督体系`. Returns the item count(s) a reading allows (a final 和/及 joins two), or
 * null when the list is not trusted.
 */
function inlineList(text: string, from: number, head: string, closed: boolean): { items: EnumerationResult["items"]; counts: number[] } | null {
  const sentence = /^[^。；;！？!?\n]*/u.exec(text.slice(from))![0];
  // Items that are clauses separated by ；(`即:实施A、B战略，构建…；实施C战略，…`) are not read.
  if (/^[；;]/u.test(text.slice(from + sentence.length))) return null;
  const clause = /^[^，,]*/u.exec(sentence)![0];
  if (/等|之一|在内|其中/u.test(clause)) return null;
  const parts = splitTopLevel(clause);
  if (parts.length < 2) return null;
  if (parts.some((p) => p.trim().length === 0 || p.trim().length > 20 || /\d/u.test(p))) return null;
  const suffix = head.replace(/[^\p{Script=Han}]/gu, "").slice(-1);
  const shared = suffix.length > 0 && parts.every((p) => p.trim().replace(/[”"’」]$/u, "").endsWith(suffix));
  if (!shared && !closed) return null;
  // A clause that goes on after the list (`…监督体系，推动…`) is fine; a list that goes on (`、`) after ，is not read.
  if (sentence.length > clause.length && /^[，,][^，,。]{0,20}、/u.test(sentence.slice(clause.length))) return null;
  const items: EnumerationResult["items"] = [];
  let at = from;
  for (const p of parts) {
    const lead = p.length - p.trimStart().length;
    items.push({ text: p.trim(), span: [at + lead, at + lead + p.trim().length] });
    at += p.length + 1;
  }
  const k = parts.length;
  const joined = /(?:以及|和|及|与|并)/u.test(parts[k - 1]!.replace(/[“(（][^”)）]*[”)）]/gu, ""));
  return { items, counts: joined ? [k, k + 1] : [k] };
}

/** The list a back-reference (`以上三点`) points to: run-in markers before it in the paragraph, or the numbered blocks just before. */
function precedingList(text: string, at: number, doc: SegmentedDocument, block: Block): EnumerationResult["items"] | null {
  const ms = runInMarkers(text.slice(0, at), 0).filter((x) => x.kind !== "seq");
  if (ms.length) {
    const kind = ms[ms.length - 1]!.kind;
    const same = ms.filter((x) => x.kind === kind);
    if (!same.every((x, k) => x.value === k + 1)) return null;
    return same.map((x) => ({ text: x.text, span: [x.start, x.end] as [number, number] }));
  }
  // Bullet items (——, ●) right before the paragraph.
  const before = doc.blocks.slice(0, block.index).reverse().find((b) => b.kind !== "chrome");
  if (before && bulletOf(before)) return bulletRun(doc.blocks, before.index, -1, block);
  // The paragraph must open with the back-reference (nothing else between the list and it).
  if (/\p{Script=Han}/u.test(text.slice(0, at).replace(/^[\s（(]*|总之|综上|[，,]/gu, ""))) return null;
  const blocks = doc.blocks;
  let style: string | null = null;
  const items: (EnumerationResult["items"][number] & { value: number })[] = [];
  for (let i = block.index - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.kind === "chrome") continue;
    if (b.kind !== "paragraph" && b.kind !== "heading") return null;
    const nb = b.numbering;
    if (!nb) {
      if (style === null) continue;
      continue;
    }
    if (style === null) {
      // 一、 is a section of the report: the paragraph is that section's body, not after a list of them.
      if (!LIST_STYLES.has(nb.style) || nb.style === "cn-dun") return null;
      style = nb.style;
    }
    if (nb.style !== style) {
      if ((STYLE_LEVEL[nb.style as keyof typeof STYLE_LEVEL] ?? 9) < (STYLE_LEVEL[style as keyof typeof STYLE_LEVEL] ?? 9)) break;
      continue;
    }
    const ms = markersOfBlock(b);
    items.unshift(...ms.map((x) => ({ text: x.text, span: [b.start - block.start + x.start, b.start - block.start + x.end] as [number, number], value: x.value })));
    if (nb.value === 1) break;
  }
  if (!items.length || !items.every((x, k) => x.value === k + 1)) return null;
  return items.map(({ text: t, span }) => ({ text: t, span }));
}
