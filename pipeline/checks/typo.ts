/**
 * @fileoverview Typos in fixed words (错别字; docs/checks/typo.md): a wrong character inside a fixed word
 * or expression (决策部暑 → 决策部署, 排査 → 排查), and an Arabic zero or a letter O among Chinese numerals
 * (二0三五年 → 二〇三五年).
 *
 * Built on data, not on a list of typos (rules/typo/typo.bin, `npm run build:typo`): the segmenter's
 * dictionary and frequencies, the 通用规范汉字表 levels and readings, component decompositions, and the
 * words and expressions real reports use, counted by distinct writers. The data loads the first time
 * a rule of this type runs.
 *
 * Decisions: the wrong character must be a common one (level 1: what a pinyin input method offers)
 * sharing a reading with the right one, or a character outside the table that differs from the right
 * one by one component (a variant left by an old encoding); level 2–3 characters are names and terms.
 * Quoted text (“…”, 《…》, 「…」), page chrome and metadata lines are not read. A sequence the document
 * writes twice without ever writing the expected word is deliberate (a name, a local term). Words the
 * `term` list already corrects (布署, 决策部暑) are left to it.
 */
import { z } from "zod";
import { CompileError, defineCheck, type RawFinding } from "./define-check.js";
import { existsSync } from "node:fs";
import { loadTermsFile } from "./term/lists.js";
import { defaultTypoDataPath, loadTypoData } from "./typo/data.js";
import { findTypos, indexTypoData, type TypoCandidate } from "./typo/detect.js";
import { findZeroAmongNumerals } from "./typo/numerals.js";
import { isAbsolute, join, resolve } from "node:path";
import type { CheckContext, CheckUnit } from "./define-check.js";

const KINDS = ["fixed-word", "numeral-zero"] as const;
type Kind = (typeof KINDS)[number];

/** Opening → closing quote marks whose content is a title, a name or a quotation. */
const QUOTES: Record<string, string> = { "“": "”", "《": "》", "「": "」", "『": "』", "‘": "’", "〈": "〉" };

export default defineCheck({
  type: "typo",
  description: { zh: "固定词语中的错别字（同音字、异体字、旧编码遗留字），中文数字中混入阿拉伯数字0", en: "Typos in fixed words (a same-reading or look-alike character), an Arabic zero among Chinese numerals" },
  defaultScope: "block",
  scopes: ["block", "paragraph"],
  options: z
    .object({
      kinds: z.array(z.enum(KINDS)).default([...KINDS]),
      /** `strong`: a non-word inside a fixed expression of ≥ 4 characters, a look-alike outside the table, a 0/O among numerals; `weak`: a wrong first character, a sequence of real words, a close second correction, ○ among numerals. */
      strength: z.array(z.enum(["strong", "weak"])).default(["strong"]),
      /** Compiled data (relative to the rule file, or to rules/); empty for the built-in file. */
      dataFile: z.string().default(""),
      /** Minimum gain in log-probability of the corrected context over the original (the cost of assuming a typo). */
      minGain: z.number().positive().default(8),
      /** Characters of context on each side for that comparison. */
      context: z.number().int().min(1).max(8).default(3),
      /** Word list whose substitutions the `term` check already reports (not reported twice); "" for none. */
      termList: z.string().default("kb/terms-list.yaml"),
    })
    .strict(),
  messages: {
    fixedWord: {
      zh: "“{{observed}}”疑为“{{expected}}”之误：{{why}}",
      en: "“{{observed}}” looks like a typo for “{{expected}}”: {{why}}",
    },
    numeralZero: {
      zh: "中文数字中混入了“{{char}}”：“{{observed}}”应写作“{{expected}}”（零的汉字数字形式为“〇”）",
      en: "“{{char}}” among Chinese numerals: “{{observed}}” should be “{{expected}}” (the Chinese numeral zero is 〇)",
    },
  },
  compile(options, env) {
    const path = options.dataFile ? (isAbsolute(options.dataFile) ? options.dataFile : /^\.\.?[\\/]/.test(options.dataFile) ? resolve(env.ruleFileDir, options.dataFile) : join(env.builtinRulesDir, options.dataFile)) : undefined;
    // The data is loaded at the first run, not here: compiled rule sets are snapshotted (docs/performance.md)
    // and a run that never reaches a block pays nothing.
    if (path && !existsSync(path)) throw new CompileError(`typo data file not found: ${path}`, ["dataFile"]);
    const termWrong = options.termList ? loadTermsFile(options.termList, env).substitute.map((s) => s.wrong) : [];
    return { ...options, dataPath: path ?? defaultTypoDataPath(), termWrong };
  },
  run(unit, compiled, ctx) {
    const kind = unit.block?.kind;
    if (kind === "meta" || kind === "chrome") return [];
    const skip = skipMask(unit, ctx);
    const out: RawFinding[] = [];
    if (compiled.kinds.includes("fixed-word")) {
      const found = findTypos(indexTypoData(loadTypoData(compiled.dataPath)), unit.text, ctx.doc.tokens, unit.start, (i) => skip[i] === 1, { minGain: compiled.minGain, context: compiled.context });
      for (const c of found) {
        if (!compiled.strength.includes(c.weak ? "weak" : "strong")) continue;
        if (compiled.termWrong.some((w) => overlapsWord(unit.text, c.start, c.end, w))) continue;
        if (deliberate(ctx.doc.text, c)) continue;
        out.push(fixedWordFinding(c, ctx.lang));
      }
    }
    if (compiled.kinds.includes("numeral-zero")) {
      // Quotes do not matter here: a 0 in a cited title (《…二0三五年远景目标纲要》) is as wrong as anywhere.
      const chrome = chromeMask(unit, ctx);
      for (const z0 of findZeroAmongNumerals(unit.text)) {
        if (chrome[z0.start] === 1) continue;
        if (!compiled.strength.includes(z0.weak ? "weak" : "strong")) continue;
        out.push({
          span: [z0.start, z0.end],
          messageId: "numeralZero",
          data: { char: z0.char, observed: z0.observed, expected: z0.expected },
          evidence: { kind: "numeral-zero" satisfies Kind, observed: z0.observed, expected: z0.expected, wrongChar: z0.char, codePoint: `U+${z0.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` },
          suggestion: z0.expected,
          fix: { span: [z0.start, z0.end], replacement: z0.expected },
        });
      }
    }
    return out;
  },
});

function fixedWordFinding(c: TypoCandidate, lang: "zh" | "en"): RawFinding {
  const whyZh =
    c.relation === "same-reading"
      ? `“${c.wrongChar}”与“${c.rightChar}”同音（${c.reading}），“${c.observed}”不成词，“${c.expected}”是固定用语（${evidenceZh(c)}）`
      : `“${c.wrongChar}”不在《通用规范汉字表》中，与“${c.rightChar}”字形相近（结构相同、部件几乎相同），“${c.expected}”是常用词（${evidenceZh(c)}）`;
  const whyEn =
    c.relation === "same-reading"
      ? `“${c.wrongChar}” and “${c.rightChar}” share the reading ${c.reading}; “${c.observed}” is not a word, “${c.expected}” is a fixed expression (${evidenceEn(c)})`
      : `“${c.wrongChar}” is not in the Table of General Standard Chinese Characters and looks like “${c.rightChar}” (same structure, nearly the same components); “${c.expected}” is a common word (${evidenceEn(c)})`;
  return {
    span: [c.start, c.end],
    messageId: "fixedWord",
    data: { observed: c.observed, expected: c.expected, why: lang === "en" ? whyEn : whyZh },
    evidence: {
      kind: "fixed-word" satisfies Kind,
      observed: c.observed,
      expected: c.expected,
      wrongChar: c.wrongChar,
      rightChar: c.rightChar,
      relation: c.relation,
      ...(c.reading ? { reading: c.reading } : {}),
      expectedWord: { dictionaryFrequency: c.freq, writers: c.writers, source: c.source },
      logGain: Math.round(c.gain * 10) / 10,
      strength: c.weak ? "weak" : "strong",
    },
    suggestion: c.expected,
    // A weak candidate is a question for the reader, not a correction to apply.
    ...(c.weak ? {} : { fix: { span: [c.start, c.end] as const, replacement: c.expected } }),
  };
}

function evidenceZh(c: TypoCandidate): string {
  const parts: string[] = [];
  if (c.freq > 0) parts.push(`分词词典词频${c.freq}`);
  if (c.writers > 0) parts.push(`参考语料中${c.writers}个不同单位使用`);
  if (c.source === "idiom") parts.push("成语");
  return parts.join("，") || "常用词";
}

function evidenceEn(c: TypoCandidate): string {
  const parts: string[] = [];
  if (c.freq > 0) parts.push(`dictionary frequency ${c.freq}`);
  if (c.writers > 0) parts.push(`used by ${c.writers} different writers of the reference archive`);
  if (c.source === "idiom") parts.push("an idiom");
  return parts.join(", ") || "a common word";
}

/** Per character of the unit: 1 in page chrome or other noise. */
function chromeMask(unit: CheckUnit, ctx: CheckContext): Uint8Array {
  const mask = new Uint8Array(unit.text.length);
  for (const n of ctx.doc.normalized.noise) {
    if (n.end <= unit.start || n.start >= unit.end) continue;
    for (let i = Math.max(0, n.start - unit.start); i < Math.min(unit.text.length, n.end - unit.start); i++) mask[i] = 1;
  }
  return mask;
}

/** Per character of the unit: 1 inside quotes (titles, names, quotations) or page chrome. */
function skipMask(unit: CheckUnit, ctx: CheckContext): Uint8Array {
  const mask = chromeMask(unit, ctx);
  const stack: string[] = [];
  for (let i = 0; i < unit.text.length; i++) {
    const ch = unit.text[i]!;
    if (stack.length && ch === stack[stack.length - 1]) {
      stack.pop();
      mask[i] = 1;
      continue;
    }
    if (QUOTES[ch]) {
      stack.push(QUOTES[ch]!);
      mask[i] = 1;
      continue;
    }
    if (ch === "\n") stack.length = 0;
    if (stack.length) mask[i] = 1;
  }
  return mask;
}

/** A sequence the document writes twice or more and never as the expected word: a name or a local term. */
function deliberate(docText: string, c: TypoCandidate): boolean {
  return countOf(docText, c.observed, 2) >= 2 && countOf(docText, c.expected, 1) === 0;
}

function countOf(text: string, word: string, limit: number): number {
  let n = 0;
  for (let i = text.indexOf(word); i >= 0 && n < limit; i = text.indexOf(word, i + 1)) n++;
  return n;
}

/** True when an occurrence of `word` in `text` overlaps [start, end). */
function overlapsWord(text: string, start: number, end: number, word: string): boolean {
  for (let i = text.indexOf(word, Math.max(0, start - word.length + 1)); i >= 0 && i < end; i = text.indexOf(word, i + 1)) if (i + word.length > start) return true;
  return false;
}
