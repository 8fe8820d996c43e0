/**
 * @fileoverview Which fixes to apply: findings carrying a `fix`, optionally only of some rules, the
 * same correction proposed by two findings applied once, and of overlapping corrections the first
 * (in text order) applied and the others reported as skipped.
 */
import { diffChars } from "diff";
import type { Finding, Fix } from "../model/finding.js";

export interface PlannedFix extends Fix {
  /** The findings proposing exactly this correction. */
  findings: Finding[];
  /**
   * The correction as separate character edits (`<西联镇目录(2021-2022年)>` → `〈…〉` changes two marks
   * and leaves the title between them to other fixes), in text order.
   */
  edits: Fix[];
}

export interface SkippedFix {
  finding: Finding;
  reason: "overlap" | "not-placeable";
  /** The applied fix it overlaps. */
  conflictsWith?: PlannedFix;
}

export interface FixPlan {
  applied: PlannedFix[];
  skipped: SkippedFix[];
}

/** A rule filter entry matches a rule id (`national.terms`), its key (`terms`) or a check type (`term`). */
export function ruleMatches(f: Finding, wanted: readonly string[]): boolean {
  if (!wanted.length) return true;
  return wanted.some((w) => f.ruleId === w || f.ruleId.endsWith(`.${w}`) || f.check === w);
}

const overlaps = (a: Fix, b: Fix): boolean => {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
};

export function planFixes(findings: readonly Finding[], rules: readonly string[] = []): FixPlan {
  const byEdit = new Map<string, PlannedFix>();
  for (const f of findings) {
    if (!f.fix || !ruleMatches(f, rules)) continue;
    const key = `${f.fix.start}\u0000${f.fix.end}\u0000${f.fix.replacement}`;
    const same = byEdit.get(key);
    if (same) same.findings.push(f);
    else byEdit.set(key, { ...f.fix, findings: [f], edits: charEdits(f.fix, f.start <= f.fix.start && f.fix.end <= f.end ? f.text.slice(f.fix.start - f.start, f.fix.end - f.start) : null) });
  }
  const candidates = [...byEdit.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: PlannedFix[] = [];
  const skipped: SkippedFix[] = [];
  for (const c of candidates) {
    const clash = applied.find((a) => a.edits.some((x) => c.edits.some((y) => overlaps(x, y))));
    if (clash) for (const f of c.findings) skipped.push({ finding: f, reason: "overlap", conflictsWith: clash });
    else applied.push(c);
  }
  return { applied, skipped };
}

/** A fix split into the character edits that make it, by a character diff of old and new text. */
function charEdits(fix: Fix, old: string | null): Fix[] {
  if (old === null || old.length !== fix.end - fix.start) return [fix];
  const edits: Fix[] = [];
  let at = fix.start;
  for (const part of diffChars(old, fix.replacement)) {
    const last = edits[edits.length - 1];
    const open = last && last.end === at ? last : null;
    if (part.added) {
      if (open) open.replacement += part.value;
      else edits.push({ start: at, end: at, replacement: part.value });
    } else if (part.removed) {
      if (open) open.end += part.value.length;
      else edits.push({ start: at, end: at + part.value.length, replacement: "" });
      at += part.value.length;
    } else at += part.value.length;
  }
  return edits;
}

/** The text with the fixes applied (they must not overlap). */
export function applyFixes(text: string, fixes: readonly Fix[]): string {
  let out = "";
  let at = 0;
  for (const f of [...fixes].sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += text.slice(at, f.start) + f.replacement;
    at = f.end;
  }
  return out + text.slice(at);
}
