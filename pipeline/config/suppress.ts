/**
 * @fileoverview Inline suppression in the document itself (text, Markdown; any format whose text
 * keeps the line). A directive is a line of its own, as an HTML comment (Markdown, also accepted in .txt)
 * or bare (plain text):
 *   <!-- report-qc-disable-next-line placeholder, national.term -->   the next non-blank line
 *   <!-- report-qc-disable punctuation -->  …  <!-- report-qc-enable -->   a region (to the end without enable)
 *   report-qc-disable-next-line placeholder                            the same in a .txt
 * Rules are named by rule id (`national.placeholder`), rule key (`placeholder`) or check type
 * (`punctuation`), separated by commas or spaces; none names every rule. Findings on a directive line
 * are always dropped: the directives are ours, not the author's prose.
 */
import type { Finding } from "../model/finding.js";

const DIRECTIVE = /^[ \t\u3000]*(?:<!--[ \t]*)?report-qc-(disable-next-line|disable|enable)\b([^\n\r]*?)(?:[ \t]*-->)?[ \t\u3000]*$/gmu;

interface Directive {
  kind: "disable-next-line" | "disable" | "enable";
  rules: string[];
  lineStart: number;
  lineEnd: number;
}

/** A span of the text where some (or all: empty list) rules are off. */
interface Silence {
  start: number;
  end: number;
  rules: string[];
}

const matches = (f: Finding, rules: readonly string[]): boolean =>
  rules.length === 0 || rules.some((r) => r === f.ruleId || r === f.check || r === f.ruleId.slice(f.ruleId.indexOf(".") + 1));

/** Findings left after the document's own directives, and how many were suppressed. */
export function applySuppressions(original: string, findings: readonly Finding[]): { findings: Finding[]; suppressed: number } {
  if (!original.includes("report-qc-")) return { findings: [...findings], suppressed: 0 };
  const directives: Directive[] = [];
  for (const m of original.matchAll(DIRECTIVE)) {
    const rules = m[2]!.split(/[\s,，]+/u).filter(Boolean);
    directives.push({ kind: m[1] as Directive["kind"], rules, lineStart: m.index, lineEnd: m.index + m[0].length });
  }
  if (!directives.length) return { findings: [...findings], suppressed: 0 };
  const silences: Silence[] = directives.map((d) => ({ start: d.lineStart, end: d.lineEnd, rules: [] }));
  const open: { start: number; rules: string[] }[] = [];
  for (const d of directives) {
    if (d.kind === "disable-next-line") {
      const next = nextNonBlankLine(original, d.lineEnd);
      if (next) silences.push({ ...next, rules: d.rules });
    } else if (d.kind === "disable") open.push({ start: d.lineEnd, rules: d.rules });
    else {
      // enable with rules closes those regions; a bare enable closes all.
      for (let i = open.length - 1; i >= 0; i--) {
        const o = open[i]!;
        if (d.rules.length === 0 || o.rules.some((r) => d.rules.includes(r))) {
          silences.push({ start: o.start, end: d.lineStart, rules: o.rules });
          open.splice(i, 1);
        }
      }
    }
  }
  for (const o of open) silences.push({ start: o.start, end: original.length, rules: o.rules });
  const kept = findings.filter((f) => !silences.some((s) => f.start < Math.max(s.end, s.start + 1) && f.end > s.start && matches(f, s.rules)));
  return { findings: kept, suppressed: findings.length - kept.length };
}

function nextNonBlankLine(text: string, from: number): { start: number; end: number } | null {
  const re = /[^\n\r]*\S[^\n\r]*/gu;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}
