/**
 * @fileoverview Required parts of a 法治政府建设年度报告. The national template
 * (《法治政府建设与责任落实督察工作规定》, 2019) asks for five: 主要举措和成效; 存在的不足和原因;
 * 党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况; 下一年度的主要安排;
 * 其他需要报告的情况. Each part is detected by heading patterns (rules/kb/sections.yaml) on the
 * document's outline; each missing part is one finding, placed on the title.
 *
 * Genre: the five parts are mandated for a complete 法治政府建设年度报告 only. The check reads the
 * document profile (stages/profile.ts): genre `law-gov-report` and `complete` (no `（略）`, no
 * `（节选）`/`开头部分已省略`, no truncated ending, a body of report length). A 政府工作报告, a news
 * article, a 解读, a template or an excerpt raises nothing. The title must also match
 * `appliesTo.titlePatterns` (default: 法治政府建设 … 报告/情况) unless the user set the genre. A
 * document without a recognisable title is not checked either (decision: silence beats a guess; see
 * docs/checks/required-section.md).
 */
import { z } from "zod";
import { defineCheck, CompileError, type RawFinding } from "./define-check.js";
import { compilePart, loadPartsFile, outline, partSchema, type CompiledPart } from "./required-section/parts.js";
import { userRegExp, regexErrorMessage } from "../text/safe-regex.js";
import { profileOf } from "../stages/profile.js";

const DEFAULT_TITLE_PATTERNS = ["法治政府建设.{0,16}(报告|情况)", "依法行政.{0,12}(报告|情况)", "法治(政府)?建设(工作)?年度报告"];

export default defineCheck({
  type: "required-section",
  description: { zh: "法治政府建设年度报告应包含规定的五部分内容", en: "An annual rule-of-law government report must contain the five required parts" },
  defaultScope: "document",
  scopes: ["document"],
  options: z
    .object({
      /** Which documents the rule applies to. */
      appliesTo: z
        .object({ titlePatterns: z.array(z.string().min(1)).min(1).default(DEFAULT_TITLE_PATTERNS) })
        .strict()
        .default({ titlePatterns: DEFAULT_TITLE_PATTERNS }),
      /** Part definitions (YAML). `./x.yaml` is relative to the rule file, `kb/x.yaml` to rules/. */
      partsFile: z.string().min(1).default("kb/sections.yaml"),
      /** Parts added by this rule set. */
      extraParts: z.array(partSchema).default([]),
      /** Check only these part ids (default: all). */
      only: z.array(z.string().min(1)).default([]),
      /** Do not check these part ids. */
      skip: z.array(z.string().min(1)).default([]),
    })
    .strict(),
  messages: {
    missing: {
      zh: "未找到必备部分“{{part}}”：法治政府建设年度报告应报告{{count}}方面内容（《法治政府建设与责任落实督察工作规定》）",
      en: "Required part not found: “{{partEn}}” ({{part}}); an annual rule-of-law government report must cover {{count}} parts",
    },
  },
  compile(options, env) {
    const defs = [...loadPartsFile(options.partsFile, env), ...options.extraParts];
    const all = defs.map((p, i) => compilePart(p, i < defs.length - options.extraParts.length ? ["partsFile"] : ["extraParts", i - (defs.length - options.extraParts.length)]));
    const ids = new Set(all.map((p) => p.id));
    for (const [key, list] of [["only", options.only], ["skip", options.skip]] as const) {
      list.forEach((id, i) => {
        if (!ids.has(id)) throw new CompileError(`unknown part "${id}"; expected one of ${[...ids].join(", ")}`, [key, i]);
      });
    }
    for (const p of all) for (const n of p.notWithin) if (!ids.has(n)) throw new CompileError(`part "${p.id}": unknown part "${n}" in notWithin`, ["partsFile"]);
    const titlePatterns = options.appliesTo.titlePatterns.map((t, i) => {
      try {
        return userRegExp(t, "u");
      } catch (e) {
        throw new CompileError(regexErrorMessage(e), ["appliesTo", "titlePatterns", i]);
      }
    });
    const checked = all.filter((p) => (options.only.length === 0 || options.only.includes(p.id)) && !options.skip.includes(p.id));
    return { all, checked, titlePatterns, total: all.length };
  },
  run(unit, compiled, ctx) {
    const doc = ctx.doc;
    const prof = profileOf(doc);
    if (prof.genre !== "law-gov-report" || !prof.complete) return [];
    const titleBlock = doc.blocks.find((b) => b.kind === "title");
    const title = doc.derived.title ?? titleBlock?.text ?? doc.normalized.raw.meta.title ?? null;
    if (!title || (!prof.overridden.includes("genre") && !compiled.titlePatterns.some((re) => re.test(title)))) return [];

    const headings = outline(doc, ctx.isNoise);
    // Which parts each top-level heading stands for (for notWithin).
    const sectionParts = new Map<number, Set<string>>();
    headings.forEach((h, i) => {
      if (h.topLevel) sectionParts.set(i, new Set(compiled.all.filter((p) => matches(p, h.text)).map((p) => p.id)));
    });
    const found = new Map<string, string>();
    for (const p of compiled.all) {
      const hit = headings.find((h) => {
        if (p.topLevel && !h.topLevel) return false;
        if (!matches(p, h.text)) return false;
        const inSection = h.section >= 0 && !h.topLevel ? sectionParts.get(h.section) : undefined;
        return !(inSection && p.notWithin.some((n) => inSection.has(n)));
      });
      if (hit) found.set(p.id, hit.text);
    }
    // The title block, else the block that holds the title (a 名称: metadata line), else the first heading.
    const anchor = titleBlock ?? doc.blocks.find((b) => b.kind !== "chrome" && b.text.includes(title)) ?? doc.blocks.find((b) => b.kind === "heading");
    if (!anchor) return [];
    const at = anchor.text.indexOf(title);
    const span: [number, number] =
      at >= 0 ? [anchor.start + at - unit.start, anchor.start + at + title.length - unit.start] : [anchor.start - unit.start, anchor.start - unit.start + firstLineLength(anchor.text)];
    const out: RawFinding[] = [];
    const nameOf = new Map(compiled.checked.map((p) => [p.id, p.name.zh]));
    for (const p of compiled.checked) {
      if (found.has(p.id)) continue;
      out.push({
        span,
        messageId: "missing",
        data: { part: p.name.zh, partEn: p.name.en, count: compiled.total },
        evidence: { partId: p.id, part: p.name.zh, found: [...found].map(([id, heading]) => ({ partId: id, part: nameOf.get(id) ?? id, heading })) },
        suggestion: { zh: `增加一部分，报告${p.name.zh}`, en: `Add a part reporting ${p.name.en}` },
      });
    }
    return out;
  },
});

function matches(p: CompiledPart, text: string): boolean {
  return p.headings.some((re) => re.test(text));
}

function firstLineLength(text: string): number {
  const i = text.search(/[\r\n]/);
  return i < 0 ? text.length : i;
}
