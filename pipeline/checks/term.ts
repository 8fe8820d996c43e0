/**
 * @fileoverview Configured word lists: substitution (wrong → right, optionally only in a context:
 * 截止 → 截至 before a date, 法制 → 法治 before 政府/社会/思维…) and existence (forbidden words, e.g.
 * the slurs of the 新华社 list, internet slang). Built-in lists live in rules/kb/terms-list.yaml;
 * a rule adds its own items inline and a province file adds local ones (Guangdong platform names
 * 粤省事 / 粤商通 / 粤政易 / 粤执法 as accepted spellings).
 *
 * NOTE: matching is on jieba tokens (`doc.tokens`): a word hits only where its first character starts
 * a token and its last character ends one, so 瞎子 never hits inside 黑瞎子岛 and 法制 never inside
 * 学法制度. A word may span several tokens (法制 + 政府). Where the document has no tokens for a span
 * (should not happen) the hit is kept only at CJK-word edges.
 */
import { z } from "zod";
import type { SegmentedDocument } from "../model/document.js";
import { tokenBoundaries } from "../text/term-token-bounds.js";
import { collectYearEvidence } from "../text/year-evidence.js";
import { profileOf } from "../stages/profile.js";
import { defineCheck, type RawFinding } from "./define-check.js";
import { compileLists, loadTermsFile, substituteSchema, forbidSchema, type CompiledEntry } from "./term/lists.js";

export default defineCheck({
  type: "term",
  description: { zh: "用词规范：禁用词与应替换的不规范用词", en: "Word lists: forbidden words and non-standard words with their replacements" },
  defaultScope: "block",
  scopes: ["block", "paragraph", "heading", "sentence"],
  options: z
    .object({
      /** Built-in list file; `./x.yaml` is relative to the rule file, `kb/x.yaml` to rules/. Empty string: none. */
      listFile: z.string().default("kb/terms-list.yaml"),
      substitute: z.array(substituteSchema).default([]),
      forbid: z.array(forbidSchema).default([]),
      /** Accepted spellings: no hit may overlap one. */
      accept: z.array(z.string().min(1)).default([]),
    })
    .strict(),
  messages: {
    substitute: { zh: "用词不规范：“{{actual}}”应为“{{expected}}”{{note}}", en: "Non-standard word: “{{actual}}” should be “{{expected}}”{{noteEn}}" },
    forbid: { zh: "不宜使用“{{actual}}”{{note}}", en: "Avoid “{{actual}}”{{noteEn}}" },
    forbidSuggest: { zh: "不宜使用“{{actual}}”，可改为“{{expected}}”{{note}}", en: "Avoid “{{actual}}”; use “{{expected}}”{{noteEn}}" },
  },
  compile(options, env) {
    const file = options.listFile ? loadTermsFile(options.listFile, env) : { substitute: [], forbid: [], accept: [] };
    return compileLists(
      { substitute: [...file.substitute, ...options.substitute], forbid: [...file.forbid, ...options.forbid], accept: [...file.accept, ...options.accept] },
      file.substitute.length,
      file.forbid.length,
    );
  },
  run(unit, compiled, ctx) {
    const text = unit.text;
    const bounds = tokenBoundaries(ctx.doc.tokens, unit.start, unit.end);
    const accepted: [number, number][] = [];
    for (const a of compiled.accept) for (let i = text.indexOf(a); i >= 0; i = text.indexOf(a, i + 1)) accepted.push([i, i + a.length]);
    const hits: { start: number; end: number; entry: CompiledEntry }[] = [];
    const date = compiled.entries.some((e) => e.since) ? latestDocumentDate(ctx.doc) : null;
    // A title in 《》 is cited as it was issued (《关于开展法制宣传教育的第六个五年规划》): not rewritten.
    const titles = titleSpans(text);
    for (const entry of compiled.entries) {
      // A word that was the norm when the document was written is not a mistake (法制宣传教育 in 2015).
      if (entry.since && date && date < entry.since) continue;
      for (let i = text.indexOf(entry.word); i >= 0; i = text.indexOf(entry.word, i + 1)) {
        const end = i + entry.word.length;
        // NOTE: with a right-hand context (followedBy) only the start must be a token boundary: jieba
        // may have merged the word with its context (法制意识 as one word), which the context already pins.
        if (!bounds.has(i) || (!entry.followedBy && !bounds.has(end))) continue;
        if (entry.followedBy && !entry.followedBy.test(text.slice(end))) continue;
        if (entry.notFollowedBy && entry.notFollowedBy.test(text.slice(end))) continue;
        if (entry.precededBy && !entry.precededBy.test(text.slice(0, i))) continue;
        if (accepted.some(([s, e]) => s < end && i < e)) continue;
        if (titles.some(([s, e]) => s < i && end < e)) continue;
        if (ctx.isNoise(unit.start + i, unit.start + end)) continue;
        hits.push({ start: i, end, entry });
      }
    }
    // Overlapping entries (残废 / 残废人): keep the longest.
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: RawFinding[] = [];
    let lastEnd = -1;
    for (const h of hits) {
      if (h.start < lastEnd) continue;
      lastEnd = h.end;
      const e = h.entry;
      const noteZh = e.note ? `（${e.note}）` : "";
      const noteEn = e.noteEn ?? e.note;
      const data = { actual: e.word, expected: e.replacement ?? "", note: noteZh, noteEn: noteEn ? ` (${noteEn})` : "" };
      out.push({
        span: [h.start, h.end],
        messageId: e.kind === "substitute" ? "substitute" : e.replacement ? "forbidSuggest" : "forbid",
        data,
        evidence: { kind: e.kind, word: e.word, ...(e.replacement ? { replacement: e.replacement } : {}), ...(e.note ? { note: e.note } : {}) },
        ...(e.replacement ? { suggestion: e.replacement } : {}),
        // One replacement word (not a choice such as “A或B”) is a mechanical correction.
        ...(e.replacement && !/[/|、，,]|或/.test(e.replacement) ? { fix: { span: [h.start, h.end] as const, replacement: e.replacement } } : {}),
      });
    }
    return out;
  },
});

/**
 * The latest date the document can have been written (YYYY-MM-DD), or null when nothing dates it:
 * its own date from the profile; else the earliest upper bound among the posting date (a repost is
 * later, never earlier), the publication or signature date and the end of the first quarter after
 * the report year (reports are delivered by then).
 */
function latestDocumentDate(doc: SegmentedDocument): string | null {
  const p = profileOf(doc);
  if (p.date) return p.date;
  const v = collectYearEvidence(doc);
  const year = p.reportYear ?? v.reportYear;
  const bounds = [p.postedDate, v.publicationDate, year !== null ? `${year + 1}-03-31` : null].filter((d): d is string => !!d && /^\d{4}-\d{2}-\d{2}/u.test(d));
  return bounds.length ? bounds.sort()[0]!.slice(0, 10) : null;
}

/** Spans of 《…》 titles (outermost pairs) in a text. */
function titleSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "《") {
      if (depth++ === 0) open = i;
    } else if (c === "》" && depth > 0 && --depth === 0) out.push([open, i + 1]);
  }
  return out;
}
