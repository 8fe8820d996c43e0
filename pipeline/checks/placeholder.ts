/**
 * @fileoverview Finds template placeholders and anonymisation marks left in a report: XX市, ××, X X,
 * 20xx年, X月X日, **次, 某某, 【待补充】, （此处…）, ____ blanks, TODO; single marks where a number or a name
 * belongs (建成X个, 会议*次, x镇, *区, 美丽*), _村_, and units with no number (亿元，增长 %).
 *
 * Decisions (see docs/placeholder.md): a run of X/x/× counts only when it is not part of a longer Latin
 * word (so PM2.5, XXL-sized words and English names stay silent, but `XXE 普法` — an anonymised
 * platform name — is found); a single X counts only before 年/月/日/号, a measure word or unit (建成X个,
 * 会议*次) or an administrative suffix (x镇); 某 counts only doubled (某某),
 * because 某些/某种/某项 are ordinary words.
 */
import { z } from "zod";
import { CompileError, defineCheck, type RawFinding } from "./define-check.js";
import { userRegExp, regexErrorMessage } from "../text/safe-regex.js";
import type { Token } from "../model/document.js";

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
  // 建成X个, 开展X次, 会议*次, 投资×亿元: one mark where a count or an amount belongs. Not after a digit
  // or a plus (3×4, 2*3, 1+X), not inside a Latin word, not before a digit (×100%).
  { kind: "number", pattern: "(?<=^|[\\p{Script=Han}，,、：:；;（(“\\s])[Xx×✕*＊](?![Xx×✕*＊A-Za-z0-9])(?=[ \\u3000]?(?:[个次件项名人家户所座条场台辆套批份篇期天元亩吨倍余多类种支处起宗位部例万亿千百%％]|公里|平方米|米))" },
  // x镇, X市, ×县, *区: one mark where a place name belongs (xx县 is an X run above). Not 1+X, not “X”.
  { kind: "anonymised-name", pattern: "(?<![A-Za-z0-9+＋.．_Xx×✕*＊])[Xx×✕*＊](?![A-Za-z0-9])(?=(?:省|市|县|区|镇|乡|村|街道|社区|自治州|自治区|自治县|州|盟|旗))" },
  // _村_, __镇: underscores left as blanks around or beside Han text (never inside a Latin identifier).
  { kind: "blank", pattern: "(?<![A-Za-z0-9_])_{1,2}\\p{Script=Han}{1,4}_{1,2}(?![A-Za-z0-9_])|(?<=\\p{Script=Han})_{1,2}(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])_{1,2}(?=\\p{Script=Han})" },
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
      /** Also find slots found by structure rather than by a pattern: a star after a word (美丽*), a unit or % with no number (亿元，增长 %). */
      slots: z.boolean().default(true),
    })
    .strict(),
  messages: {
    found: { zh: "文中残留占位符或匿名化标记“{{placeholder}}”，发布前应替换为实际内容", en: "Placeholder “{{placeholder}}” left in the text; replace it with the real content before publication" },
    missingNumber: { zh: "“{{unit}}”前缺少数字，疑为未填写的空位", en: "No number before “{{unit}}”: a blank left unfilled" },
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
    return { patterns: compiled, allow: options.allow, slots: options.slots };
  },
  run(unit, compiled, ctx) {
    const hits: { start: number; end: number; kind: string }[] = [];
    const chrome = ctx.doc.normalized.noise.filter((n) => n.kind === "chrome" && n.start < unit.end && unit.start < n.end);
    const inChrome = (s: number, e: number) => chrome.some((n) => n.start < unit.start + e && unit.start + s < n.end);
    const emphasis = emphasisStars(unit.text);
    for (const { kind, re } of compiled.patterns) {
      re.lastIndex = 0;
      for (const m of unit.text.matchAll(re)) {
        if (m[0].length === 0) continue;
        // Page chrome (navigation, comment widgets, footers) is not the report: it yields no findings.
        if (inChrome(m.index, m.index + m[0].length)) continue;
        if (emphasis.has(m.index)) continue;
        if (kind === "masked-number" && isMaskedIdentifier(unit.text, m.index, m.index + m[0].length)) continue;
        if (kind === "someone" && isAnonymisedName(unit.text, m.index, m.index + m[0].length)) continue;
        hits.push(trimStrayLetters({ start: m.index, end: m.index + m[0].length, kind }, m[0]));
      }
    }
    if (compiled.slots) {
      for (const h of nameSlotStars(unit.text, unit.start, ctx.doc.tokens, emphasis)) if (!inChrome(h.start, h.end)) hits.push(h);
      for (const h of missingNumbers(unit.text)) if (!inChrome(h.start, h.end)) hits.push(h);
    }
    // Overlapping hits from different patterns (20XX is also an X run) → keep the longest.
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: typeof hits = [];
    for (const h of hits) {
      const last = kept[kept.length - 1];
      if (last && h.start < last.end) continue;
      if (compiled.allow.some((a) => coveredBy(unit.text, h.start, h.end, a))) continue;
      // X月X日, 20XX年X月X日: the parts of one date are one place to fill.
      if (last && DATE_KINDS.has(last.kind) && DATE_KINDS.has(h.kind) && /^[ \u3000]?[年月][ \u3000]?$/u.test(unit.text.slice(last.end, h.start))) {
        const tail = /^[ \u3000]?[日号]/u.exec(unit.text.slice(h.end, h.end + 2));
        last.end = h.end + (tail ? tail[0].length : 0);
        last.kind = "date";
        continue;
      }
      kept.push(h);
    }
    return kept.map((h): RawFinding => {
      const placeholder = unit.text.slice(h.start, h.end);
      const evidence = { placeholder, kind: h.kind, context: unit.text.slice(Math.max(0, h.start - 8), Math.min(unit.text.length, h.end + 8)) };
      if (h.kind === "missing-number") {
        return { span: [h.start, h.end], messageId: "missingNumber", data: { unit: placeholder.trim() }, evidence };
      }
      return { span: [h.start, h.end], messageId: "found", data: { placeholder }, evidence };
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

const DATE_KINDS = new Set(["date", "year"]);

/**
 * Offsets of stars that are emphasis markup written in plain text (`**重点工作**`, `*注意*`): a run of 1–3
 * stars, then text that neither starts nor ends with a space and does not start with a measure word
 * (`会议*次，培训*次` are two slots, not emphasis), then the same run, on one line. Both runs are skipped.
 */
function emphasisStars(text: string): Set<number> {
  const out = new Set<number>();
  if (!/[*＊]/u.test(text)) return out;
  for (const m of text.matchAll(/([*＊]{1,3})(?![\s*＊])([^*＊\n]{1,80}?)(?<![\s])\1(?![*＊])/gu)) {
    const inner = m[2]!;
    // A run before a measure word is a masked count on either side (会议*次，培训*次; 张**反映…，培训**次).
    const closeAt = m.index + m[1]!.length + inner.length;
    if (MEASURE_AFTER.test(inner) || MEASURE_AFTER.test(text.slice(closeAt + m[1]!.length)) || /^[\dA-Za-z]/u.test(inner) || /[。！？]/u.test(inner)) continue;
    // Inside a word (美丽*建设行动，打造“平安*”), emphasis spans a phrase, not a clause break.
    if (/[\p{Script=Han}A-Za-z0-9]/u.test(text.slice(m.index - 1, m.index)) && /[，,；;：:]/u.test(inner)) continue;
    // A masked name or number inside (张*，李*) is not a span of emphasis: the text between must read as words.
    if (inner.length < 2) continue;
    for (let i = 0; i < m[1]!.length; i++) {
      out.add(m.index + i);
      out.add(closeAt + i);
    }
  }
  return out;
}

/** Two-character surnames: a star after one of them masks a given name (欧阳*), not a word. */
const COMPOUND_SURNAMES = /(?:欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|夏侯|长孙|宇文|司徒|澹台|端木|申屠|轩辕|呼延|南宫|西门|独孤|万俟|闻人|第五)$/u;

/**
 * 美丽*, 打造“平安*”: a single star right after a word of two or more characters stands for the name
 * the template left to fill. A star after a one-character word is a masked name (张*, 李*明) and stays
 * silent, as do stars touching letters or digits (ab*c, 2*3) and footnote marks: a star not followed by
 * a Han character or a closing quote (增长6.5%左右*，, a line end, a space) or followed by 注.
 */
function nameSlotStars(text: string, unitStart: number, tokens: readonly Token[], emphasis: Set<number>): { start: number; end: number; kind: string }[] {
  const out: { start: number; end: number; kind: string }[] = [];
  if (!/[*＊]/u.test(text)) return out;
  for (const m of text.matchAll(/(?<=\p{Script=Han})[*＊](?![*＊])/gu)) {
    const i = m.index;
    if (emphasis.has(i) || text[i - 2] === "*" || text[i - 2] === "＊") continue;
    // The name goes on (美丽*提供, “平安*”); a star before a clause mark or a space is a footnote mark
    // (增长6.5%左右*，…), as is one before 注.
    const after = text.slice(i + 1, i + 2);
    if (!/[\p{Script=Han}”’」』"]/u.test(after) || after === "注") continue;
    const abs = unitStart + i;
    const token = tokenEndingAt(tokens, abs);
    if (!token || token.end - token.start < 2 || !/^\p{Script=Han}+$/u.test(token.word)) continue;
    if (COMPOUND_SURNAMES.test(token.word)) continue;
    out.push({ start: i, end: i + 1, kind: "name-slot" });
  }
  return out;
}

/** The token that ends exactly at `abs` (binary search over tokens in document order). */
function tokenEndingAt(tokens: readonly Token[], abs: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid]!;
    if (t.end < abs) lo = mid + 1;
    else if (t.end > abs) hi = mid - 1;
    else return t;
  }
  return undefined;
}

/**
 * `收入亿元，增长 %。`: an amount unit or a percent sign with nothing where the number belongs. Only in
 * running text: the unit must follow a Han word that is not a numeral, a quantifier or a threshold verb
 * (数亿元, 超亿元, 过万元, 千亿元, 突破亿元, 达亿元 are amounts) and be followed by a clause end (亿元以上项目, 万元国内生产总值 are
 * expressions); the percent sign must follow a verb of change or comparison and a space, or stand
 * before a clause end after such a verb (`比上年增长%` in a table header, followed by a cell gap, stays silent).
 */
function missingNumbers(text: string): { start: number; end: number; kind: string }[] {
  const out: { start: number; end: number; kind: string }[] = [];
  for (const m of text.matchAll(/(?<=\p{Script=Han})(?<![数超逾近余几上多过千百十万亿两一二三四五六七八九零〇半整每达破])[万亿]元(?=[，,。；;、])/gu)) {
    out.push({ start: m.index, end: m.index + m[0].length, kind: "missing-number" });
  }
  for (const m of text.matchAll(/(?<=(?:增长|下降|提高|降低|上升|回落|增加|减少|为|达|达到|占|约)(?:[ \u3000]{1,2}))[%％](?=[，,。；;、）)])|(?<=(?:增长|下降|提高|降低|上升|回落|增加|减少|达到))[%％](?=[，,。；;、])/gu)) {
    out.push({ start: m.index, end: m.index + m[0].length, kind: "missing-number" });
  }
  return out;
}
