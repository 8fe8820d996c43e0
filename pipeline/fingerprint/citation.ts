/**
 * @fileoverview Text a report cites rather than writes, for the copy checks: document titles inside
 * 《》, documents cited with their document number (…关于…的通知（…〔2021〕30号）), quoted provisions and quoted speech (`《…条例》第X条规定：“…”`, `习近平总书记指出：“…”`), and the
 * glossary at the end of a report (注释 / 名词解释: definitions of policy terms are meant to read the same
 * everywhere). Two reports quoting the same article or defining the same term have not copied each other.
 */
import type { SegmentedDocument } from "../model/document.js";
import { lowerBound, type CompactText } from "./compact.js";

/** A title in 《》 (nested 〈〉 allowed). */
const TITLE = /《[^《》\n]{1,80}》/gu;
/**
 * A quotation introduced as a provision or a statement: `第X条（第Y款）规定：“…”`, `…规定/指出/强调/要求：“…”`.
 * Only the quoted text is citation; the lead-in is the report's own.
 */
const QUOTE = /(?:第[一二三四五六七八九十百零〇\d]+条(?:第[一二三四五六七八九十\d]+款)?|规定|指出|强调|要求|明确|提出|所说|讲话)[^“”\n。]{0,12}?[：:，,]\s*“([^“”\n]{8,800})”/gu;
/**
 * A document cited by its issuing body, title and document number, with or without 《》 around the title:
 * `国务院办公厅…关于印发《…格式》的通知（国办公开办函〔2021〕30号）`. Every unit reporting under that notice names
 * it the same way; the document number makes it a reference, not the writer's own wording.
 */
const DOC_REF =
  /[\p{Script=Han}]{0,30}?《?关于[^。；;\n“”]{2,80}?的(?:通知|意见|决定|批复|复函|函|办法|规定|方案|公告|通报|细则)》?\s*[（(][^（）()\n]{0,12}〔(?:19|20)\d{2}〕\s*\d{1,4}\s*号/gu;
/**
 * A glossary heading (markup and spaces removed): 注释, 名词解释, 附：相关名词解释, 《政府工作报告》名词注释,
 * 附件2 注释, 名词解释和说明, 附部分用语说明, 附：名词解释（以在报告中出现的先后排序）.
 */
const GLOSSARY_HEAD =
  /^(?:[\d一二三四五六七八九十]{1,2}[、.．]|附件?[\d一二三四五六七八九十]*[：:、.．]?|《[^》]{1,20}》|有关内容|相关|部分)*(?:名词解释|名词注释|名词释义|词语解释|用语说明|注释|附注)(?:和说明|说明)?[：:]?(?:[（(][^）)]{0,24}[）)])?$/u;
/** A definition entry anywhere: `12.“雪亮工程”：…`, `[7]RCEP：…`, `⑦三清：即…`. */
const ENTRY = /^\s*(?:\[\d{1,3}\]|\d{1,3}\s*[．.、]|[①-⑳]|〇)\s*[“"]?[^：:。，,\n]{1,24}[”"]?\s*[：:]\s*(?:即|指|是指|也称)/u;

const cache = new WeakMap<CompactText, Uint8Array>();

/** 1 for compact characters inside cited text (titles, quoted provisions and statements, glossary). Memoized; read-only. */
export function citationMask(doc: SegmentedDocument, cp: CompactText): Uint8Array {
  const hit = cache.get(cp);
  if (hit) return hit;
  const mask = new Uint8Array(cp.text.length);
  const mark = (s: number, e: number) => {
    for (let x = lowerBound(cp.pos, s); x < cp.pos.length && cp.pos[x]! < e; x++) mask[x] = 1;
  };
  let glossary = false;
  for (const b of doc.blocks) {
    const bare = b.text.replace(/[*#_\s]/gu, "");
    if ((b.kind === "heading" || b.kind === "paragraph") && bare.length <= 40 && GLOSSARY_HEAD.test(bare)) glossary = true;
    if (b.kind !== "paragraph") continue;
    if (glossary || ENTRY.test(b.text)) {
      mark(b.start, b.end);
      continue;
    }
    for (const re of [TITLE, QUOTE, DOC_REF]) {
      re.lastIndex = 0;
      for (let m = re.exec(b.text); m; m = re.exec(b.text)) {
        const inner = m[1] === undefined ? 0 : m[0].lastIndexOf(m[1]);
        mark(b.start + m.index + inner, b.start + m.index + (m[1] === undefined ? m[0].length : inner + m[1].length));
      }
    }
  }
  cache.set(cp, mask);
  return mask;
}

const DIGITS = /[0-9０-９]+/gu;

/**
 * True when two aligned passages are one sentence frame filled with different figures (统计公报 and
 * target lists: `…增长7.5%左右` / `…增长6%以上`): at least two figures on each side and most of them differ.
 * A frame shared with other figures is not a copy of the facts.
 */
export function sameFrameOtherFigures(a: string, b: string): boolean {
  const { x, y, same } = compareFigures(a, b);
  // Made of figures: at least two on each side and one per 25 characters (a narrative paragraph with one
  // changed count is still the same paragraph).
  if (x < 2 || y < 2 || x * 25 < a.length || y * 25 < b.length) return false;
  return same <= Math.max(x, y) / 2;
}

/**
 * The figures of two passages compared as multisets: how many each has and how many they share. Years
 * are the date of a text, not its facts (last year's paragraph with the year changed is recycled text),
 * so they are left out.
 */
export function compareFigures(a: string, b: string): { x: number; y: number; same: number } {
  const figures = (s: string) => (s.match(DIGITS) ?? []).filter((v) => !/^(?:19|20)\d\d$/u.test(v));
  const xs = figures(a);
  const ys = figures(b);
  const pool = new Map<string, number>();
  for (const v of ys) pool.set(v, (pool.get(v) ?? 0) + 1);
  let same = 0;
  for (const v of xs) {
    const n = pool.get(v) ?? 0;
    if (n > 0) {
      same++;
      pool.set(v, n - 1);
    }
  }
  return { x: xs.length, y: ys.length, same };
}
