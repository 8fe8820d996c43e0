/**
 * @fileoverview SARIF 2.1.0 view of the report model (`check --format sarif`), for code-scanning
 * dashboards and CI annotations. One run; one result per finding with its exact region (UTF-16
 * columns, as the model's offsets), the finding text as snippet, the mechanical fix as a SARIF fix,
 * and a fingerprint that survives edits elsewhere in the document (config/fingerprint.ts).
 * Files that could not be read are tool execution notifications.
 */
import { isAbsolute, relative, sep } from "node:path";
import type { Finding, Lang, ReportModel, Severity } from "../model/finding.js";
import { findingFingerprint } from "../config/fingerprint.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/** Document texts by path, for fingerprints' context; without one the fingerprint uses the finding alone. */
export type SourceTexts = ReadonlyMap<string, string>;

export function formatSarif(model: ReportModel, lang: Lang, texts: SourceTexts = new Map()): string {
  const rules = new Map<string, { id: string; name: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }>();
  const results: unknown[] = [];
  for (const doc of model.documents) {
    const uri = artifactUri(doc.path);
    const text = texts.get(doc.path);
    for (const f of doc.findings) {
      if (!rules.has(f.ruleId)) rules.set(f.ruleId, { id: f.ruleId, name: f.check, shortDescription: { text: f.check }, defaultConfiguration: { level: LEVEL[f.severity] } });
      results.push(result(f, uri, text, lang));
    }
  }
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: model.tool.name, version: model.tool.version, informationUri: "https://www.npmjs.com/package/report-qc", rules: [...rules.values()] } },
        columnKind: "utf16CodeUnits",
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: model.errors.map((e) => ({
              level: "error",
              message: { text: `${e.code} ${e.message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(e.path) } } }],
            })),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}

function result(f: Finding, uri: string, text: string | undefined, lang: Lang): unknown {
  const lines = f.text.split(/\r\n|\r|\n/);
  const endLine = f.line + lines.length - 1;
  const endColumn = lines.length === 1 ? f.column + f.text.length : lines[lines.length - 1]!.length + 1;
  const region = { startLine: f.line, startColumn: f.column, endLine, endColumn, charOffset: f.start, charLength: f.end - f.start, snippet: { text: f.text } };
  const message = f.suggestion ? `${f.message}${lang === "en" ? " Suggestion: " : "（建议："}${f.suggestion}${lang === "en" ? "" : "）"}` : f.message;
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    level: LEVEL[f.severity],
    message: { text: message },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region } }],
    partialFingerprints: { "reportQc/v1": findingFingerprint(f, text) },
    properties: { check: f.check, evidence: f.evidence },
  };
  if (f.fix) {
    out.fixes = [
      {
        description: { text: f.suggestion ?? f.fix.replacement },
        artifactChanges: [{ artifactLocation: { uri }, replacements: [{ deletedRegion: { charOffset: f.fix.start, charLength: f.fix.end - f.fix.start }, insertedContent: { text: f.fix.replacement } }] }],
      },
    ];
  }
  return out;
}

/** A relative URI reference (forward slashes, each segment percent-encoded) for a path inside the cwd; file:// otherwise. */
export function artifactUri(path: string): string {
  const rel = isAbsolute(path) ? relative(process.cwd(), path) : path;
  const inside = rel && !rel.startsWith("..") && !isAbsolute(rel);
  const segments = (inside ? rel : path).split(sep === "\\" ? /[\\/]/ : /\//);
  const encoded = segments.map((s) => encodeURIComponent(s)).join("/");
  return inside ? encoded : `file://${encoded.startsWith("/") ? "" : "/"}${encoded}`;
}
