/**
 * @fileoverview Per-document metrics for the JSON (counts; the copy and boilerplate ratios are added
 * by the duplication checks' stage).
 */
import type { SegmentedDocument } from "./model/document.js";
import type { DocumentMetrics, Finding } from "./model/finding.js";

export function documentMetrics(doc: SegmentedDocument, findings: Finding[]): DocumentMetrics {
  const bySeverity = { error: 0, warning: 0, info: 0 };
  const byCheck: Record<string, number> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    byCheck[f.check] = (byCheck[f.check] ?? 0) + 1;
  }
  return {
    reportChars: reportChars(doc),
    noiseChars: doc.normalized.noise.reduce((n, s) => n + (s.end - s.start), 0),
    blocks: doc.blocks.length,
    sentences: doc.sentences.length,
    findingsBySeverity: bySeverity,
    findingsByCheck: byCheck,
  };
}

/** Characters of report prose: not whitespace, not chrome. */
export function reportChars(doc: SegmentedDocument): number {
  let n = 0;
  for (const b of doc.blocks) {
    if (b.kind === "chrome") continue;
    const t = b.text;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      // A surrogate pair is one character (as `for…of` counted); \s has no astral members.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length && (t.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
      else if (isSpace(c)) continue;
      n++;
    }
  }
  return n;
}

/** Exactly the code units `/\s/u` matches (ECMAScript WhiteSpace and LineTerminator), without a regex per character. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
