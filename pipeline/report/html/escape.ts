/**
 * @fileoverview Escaping for the HTML reports. Every piece of document text, metadata, message and
 * evidence goes through `esc` (text and attribute values alike); data for scripts goes through
 * `jsonForScript`. The page's Content-Security-Policy only lets the report's own script run (by its
 * SHA-256), so even a mistake here could not execute document text.
 */
import { createHash } from "node:crypto";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** JSON that is safe inside `<script type="application/json">`: no `<`, `>`, `&`, U+2028/2029 as such. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** CSP source for an inline script: `'sha256-…'`. */
export function scriptHash(js: string): string {
  return `'sha256-${createHash("sha256").update(js, "utf8").digest("base64")}'`;
}

/** The `<meta>` CSP of a self-contained report: no network, only the given inline scripts run. */
export function cspMeta(scripts: string[]): string {
  const policy = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${scripts.map(scriptHash).join(" ")}; base-uri 'none'; form-action 'none'`;
  return `<meta http-equiv="Content-Security-Policy" content="${esc(policy)}">`;
}
