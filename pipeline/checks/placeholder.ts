/**
 * @fileoverview Finds template placeholders and anonymisation marks left in a report: XX市, ××, X X,
 * 20xx年, X月X日, **次, 某某, 【待补充】, （此处…）, ____ blanks, TODO.
 *
 * Decisions (see docs/placeholder.md): a run of X/x/× counts only when it is not part of a longer Latin
 * word (so PM2.5, XXL-sized words and English names stay silent, but `XXE 普法` — an anonymised
 * platform name — is found); a single X counts only before 年/月/日/号; 某 counts only doubled (某某),
 * because 某些/某种/某项 are ordinary words.
 */
import { z } from "zod";
import { CompileError, defineCheck, type RawFinding } from "./define-check.js";
import { userRegExp, regexErrorMessage } from "../text/safe-regex.js";

const patternSchema = z
  .object({
    /** JavaScript regular expression (flag u). */
    pattern: z.string().min(1),
    /** Short name of what the pattern finds, shown in evidence. */
    kind: z.string().min(1),
  })
  .strict();

const DEFAULT_PATTERNS: z.infer<typeof patternSchema>[] = [
  // X runs: XX, XXX, X X, ××, not inside a longer Latin word.
  { kind: "anonymised-name", pattern: "(?<![A-Za-z])[Xx×✕](?:[ \\u3000]?[Xx×✕])+(?![A-Za-z]{2})" },
  // 20xx年 / 20XX: a year left unfilled.
  { kind: "year", pattern: "(?<!\\d)(?:19|20)[Xx×*＊]{2}(?![A-Za-z*＊])" },
  // X月X日, XX号: a single X before a date unit.
  { kind: "date", pattern: "(?<![A-Za-z])[Xx×](?=[ \\u3000]?[年月日号])" },
  // **次, *件: a masked number.
  { kind: "masked-number", pattern: "[*＊]{2,}|[*＊](?=[次件个人项家名条])" },
  { kind: "someone", pattern: "某某" },
  { kind: "to-fill", pattern: "[【\\[［〔](?:此处|待|请|填写|补充|插入)[^】\\]］〕\\n]{0,30}[】\\]］〕]" },
  { kind: "to-fill", pattern: "[（(]此处[^）)\\n]{0,30}[）)]" },
  { kind: "blank", pattern: "_{3,}|＿{2,}|□{2,}" },
  { kind: "todo", pattern: "\\b(?:TODO|TBD|FIXME)\\b" },
];

export default defineCheck({
  type: "placeholder",
  description: { zh: "模板占位符或匿名化标记未替换（XX、××、某某、【待补充】等）", en: "Template placeholders or anonymisation marks left in the text (XX, ××, 某某, 【待补充】…)" },
  defaultScope: "block",
  scopes: ["block", "sentence", "paragraph"],
  options: z
    .object({
      /** Replaces the built-in pattern list when given. */
      patterns: z.array(patternSchema).default(DEFAULT_PATTERNS),
      /** Extra patterns added to the list (for province files). */
      extraPatterns: z.array(patternSchema).default([]),
      /** Literal strings that are never placeholders even when a pattern matches inside them. */
      allow: z.array(z.string().min(1)).default([]),
    })
    .strict(),
  messages: {
    found: { zh: "文中残留占位符或匿名化标记“{{placeholder}}”，发布前应替换为实际内容", en: "Placeholder “{{placeholder}}” left in the text; replace it with the real content before publication" },
  },
  compile(options) {
    const list = [...options.patterns, ...options.extraPatterns];
    const compiled = list.map((p, i) => {
      try {
        return { kind: p.kind, re: userRegExp(p.pattern, "gu") };
      } catch (e) {
        const key = i < options.patterns.length ? "patterns" : "extraPatterns";
        const idx = i < options.patterns.length ? i : i - options.patterns.length;
        throw new CompileError(regexErrorMessage(e), [key, idx, "pattern"]);
      }
    });
    return { patterns: compiled, allow: options.allow };
  },
  run(unit, compiled, ctx) {
    const hits: { start: number; end: number; kind: string }[] = [];
    const chrome = ctx.doc.normalized.noise.filter((n) => n.kind === "chrome" && n.start < unit.end && unit.start < n.end);
    for (const { kind, re } of compiled.patterns) {
      re.lastIndex = 0;
      for (const m of unit.text.matchAll(re)) {
        if (m[0].length === 0) continue;
        // Page chrome (navigation, comment widgets, footers) is not the report: it yields no findings.
        if (chrome.some((n) => n.start < unit.start + m.index + m[0].length && unit.start + m.index < n.end)) continue;
        if (kind === "masked-number" && isMaskedIdentifier(unit.text, m.index, m.index + m[0].length)) continue;
        if (kind === "someone" && isAnonymisedName(unit.text, m.index, m.index + m[0].length)) continue;
        hits.push(trimStrayLetters({ start: m.index, end: m.index + m[0].length, kind }, m[0]));
      }
    }
    // Overlapping hits from different patterns (20XX is also an X run) → keep the longest.
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: typeof hits = [];
    for (const h of hits) {
      const last = kept[kept.length - 1];
      if (last && h.start < last.end) continue;
      if (compiled.allow.some((a) => coveredBy(unit.text, h.start, h.end, a))) continue;
      kept.push(h);
    }
    return kept.map((h): RawFinding => {
      const placeholder = unit.text.slice(h.start, h.end);
      return {
        span: [h.start, h.end],
        messageId: "found",
        data: { placeholder },
        evidence: { placeholder, kind: h.kind, context: unit.text.slice(Math.max(0, h.start - 8), Math.min(unit.text.length, h.end + 8)) },
      };
    });
  },
});

/**
 * Stars that mask personal data — a user name (ab****c), a phone or ID number (138****5678), a
 * person's given name after the surname (张**) — are deliberate anonymisation, not a blank left to
 * fill: letters or digits touch the stars, or a Han character (the surname) stands before them.
 * A masked count is told apart by what follows it: a measure word or unit (**次, **件, **万元, **%,
 * 20**年). A masked count (办理**件) and a masked year (20**年) stay placeholders.
 */
function isMaskedIdentifier(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 1), start);
  const after = text.slice(end, end + 1);
  if (MEASURE_AFTER.test(after)) return false;
  if (/[A-Za-z0-9@._-]$/u.test(before) || /^[A-Za-z0-9@]/u.test(after)) return true;
  return /\p{Script=Han}/u.test(before);
}

/**
 * 王某某 / 李某某诉某区政府: a case told with the party's surname kept and the given name replaced is
 * anonymisation of personal data, not a blank (某某部门, 于某某日 are). The surnames are the closed
 * class of common Chinese family names, without those that are also prepositions or conjunctions
 * (于, 向, 和, 时 …: 向某某部门 is a blank); 某某 after one of them is a person unless a date part or a
 * measure word follows.
 */
function isAnonymisedName(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 1), start);
  const after = text.slice(end, end + 1);
  return before !== "" && SURNAMES.includes(before) && !MEASURE_AFTER.test(after);
}

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池乐匡钮湛勾";

/** What follows a masked number: a measure word, a unit, a date part or a percent sign. */
const MEASURE_AFTER = /^[次件个人项家名条户所座起宗场台辆套批份篇期天元万亿千百十余多年月日号%％‰岁亩吨米]/u;

/**
 * `X XX` in PDF-extracted text is a stray letter (extraction-noise reports it) beside the real `XX`:
 * when a spaced run holds a chunk of two or more marks, single-mark chunks at its edges are dropped.
 * `X X` (two single marks) stays whole: that is the spaced placeholder itself.
 */
function trimStrayLetters(hit: { start: number; end: number; kind: string }, text: string): { start: number; end: number; kind: string } {
  if (hit.kind !== "anonymised-name" || !/[ \u3000]/u.test(text)) return hit;
  const chunks = [...text.matchAll(/[^ \u3000]+/gu)];
  if (!chunks.some((c) => c[0].length >= 2)) return hit;
  const first = chunks.findIndex((c) => c[0].length >= 2);
  const last = chunks.length - 1 - [...chunks].reverse().findIndex((c) => c[0].length >= 2);
  return { ...hit, start: hit.start + chunks[first]!.index, end: hit.start + chunks[last]!.index + chunks[last]![0].length };
}

/** True when an occurrence of `word` in `text` covers [start, end). */
function coveredBy(text: string, start: number, end: number, word: string): boolean {
  let from = Math.max(0, end - word.length);
  for (;;) {
    const i = text.indexOf(word, from);
    if (i < 0 || i > start) return false;
    if (i + word.length >= end) return true;
    from = i + 1;
  }
}
