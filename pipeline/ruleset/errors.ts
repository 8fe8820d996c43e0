/**
 * @fileoverview Building, ordering and printing rule-file problems. The one-line form is
 * `file:line:column: message` (file relative to the working directory when inside it), so editors and
 * CI annotate it; `formatProblemWithExcerpt` adds a numbered three-line excerpt with a caret, after
 * Vale's `annotate()`.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import type { Lang } from "../model/finding.js";
import { renderMessage, type MessageData, type RuleProblemCode } from "./messages.js";
import type { RuleProblem, SourcePosition } from "./types.js";

/** Builds a problem from a catalogue code; `message` is Chinese, `localized` holds both languages. */
export function makeProblem(code: RuleProblemCode, at: SourcePosition, keyPath: string, data: MessageData = {}): RuleProblem {
  const localized = renderMessage(code, data);
  return { file: at.file, line: at.line, column: at.column, code, keyPath, message: localized.zh, localized };
}

/** Path shown to the user: relative to `cwd` when the file is inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

/**
 * One line: `file:line:column: message`, or `file: message` when the problem has no position.
 * @param lang message language (Chinese by default)
 */
export function formatProblem(p: RuleProblem, lang: Lang = "zh"): string {
  const text = p.localized?.[lang] ?? p.message;
  const where = p.line > 0 ? `${displayPath(p.file)}:${p.line}:${p.column}` : displayPath(p.file);
  return `${where}: ${text}`;
}

/** Rule-file texts seen by the loader, so excerpts work for files loaded from strings too. */
const sources = new Map<string, string>();

/** Called by the loader for every file it parses. */
export function rememberSource(file: string, text: string): void {
  sources.set(file, text);
}

/**
 * The one-line form followed by the offending line and its neighbours, numbered, with `>` on the
 * offending line and a caret under the column:
 * ```
 * bad.yaml:7:15: 未知的严重级别“fatal”；可用：error、warning、info、off
 *    6 |     type: placeholder
 * >  7 |     severity: fatal
 *      |               ^
 *    8 |     colour: red
 * ```
 * @param source the file text; defaults to what the loader read, then to the file on disk
 */
export function formatProblemWithExcerpt(p: RuleProblem, lang: Lang = "zh", source?: string): string {
  const head = formatProblem(p, lang);
  const text = source ?? sources.get(p.file) ?? tryRead(p.file);
  if (text === undefined || p.line < 1) return head;
  const lines = text.split(/\r\n|\r|\n/);
  if (p.line > lines.length) return head;
  const first = Math.max(1, p.line - 1);
  const last = Math.min(lines.length, p.line + 1);
  const width = String(last).length;
  const out = [head];
  for (let n = first; n <= last; n++) {
    const line = lines[n - 1]!;
    out.push(`${n === p.line ? ">" : " "} ${String(n).padStart(width)} | ${line}`);
    if (n === p.line) {
      // NOTE: columns are UTF-16 code units; the caret is placed by display width (CJK = 2 cells).
      const pad = displayWidth(line.slice(0, Math.max(0, p.column - 1)));
      out.push(`  ${" ".repeat(width)} | ${" ".repeat(pad)}^`);
    }
  }
  return out.join("\n");
}

function tryRead(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Terminal cells taken by a string: East Asian wide and full-width characters count 2. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/**
 * Removes repeats (same file, position, code and message) and orders problems by file, then line and
 * column.
 * @param files file order (example: the extends chain, leaf first); other files follow in the order first seen
 */
export function sortProblems(problems: readonly RuleProblem[], files: readonly string[] = []): RuleProblem[] {
  const fileOrder = new Map<string, number>();
  for (const f of files) if (!fileOrder.has(f)) fileOrder.set(f, fileOrder.size);
  const seen = new Set<string>();
  const unique: RuleProblem[] = [];
  for (const p of problems) {
    if (!fileOrder.has(p.file)) fileOrder.set(p.file, fileOrder.size);
    const key = `${p.file}\u0000${p.line}\u0000${p.column}\u0000${p.code}\u0000${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(p);
  }
  return unique.sort((a, b) => fileOrder.get(a.file)! - fileOrder.get(b.file)! || a.line - b.line || a.column - b.column);
}
