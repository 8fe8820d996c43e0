/**
 * @fileoverview Fingerprint of a finding that survives edits elsewhere in the document: rule id, the
 * finding's own text and a few characters of context on each side within its line, whitespace removed (so re-wrapping
 * or re-numbering lines changes nothing), no offsets. Used by baselines and SARIF partialFingerprints.
 */
import { createHash } from "node:crypto";
import type { Finding } from "../model/finding.js";

/** Context characters taken on each side of the finding (after whitespace is removed). */
const CONTEXT_CHARS = 6;

const lastLine = (s: string): string => s.slice(Math.max(s.lastIndexOf("\n"), s.lastIndexOf("\r")) + 1);

const squeeze = (s: string): string => s.replace(/\s+/gu, "");

/** @param original the document's original text (context); without it only rule id and text count */
export function findingFingerprint(f: Pick<Finding, "ruleId" | "text" | "start" | "end">, original?: string): string {
  let before = "";
  let after = "";
  if (original !== undefined) {
    // Context stays inside the finding's own line: an edit on the next line must not change it.
    before = squeeze(lastLine(original.slice(Math.max(0, f.start - CONTEXT_CHARS * 4), f.start))).slice(-CONTEXT_CHARS);
    after = squeeze(original.slice(f.end, f.end + CONTEXT_CHARS * 4).split(/\r\n|\r|\n/u)[0]!).slice(0, CONTEXT_CHARS);
  }
  return createHash("sha256").update(`${f.ruleId}\u0000${squeeze(f.text)}\u0000${before}\u0000${after}`).digest("hex").slice(0, 32);
}
