/**
 * @fileoverview What the HTML reports read beyond the stable JSON: the original text and chrome
 * spans of each document (from the run), and tolerant accessors for metrics and copy pairs that the
 * duplication checks add (a missing metric is simply not shown).
 */
import type { DocumentResult, ReportModel } from "../../model/finding.js";
import type { NoiseSpan } from "../../model/document.js";

/** The original decoded text of a document and its non-report spans, in original offsets. */
export interface ReportSource {
  original: string;
  chrome: NoiseSpan[];
  format?: string;
  encoding?: string;
  sourceForm?: string;
}

/** By document path. */
export type ReportSources = Map<string, ReportSource>;

/** Minimal shape of what `runPipeline` returns per document (kept structural to avoid a cycle). */
interface ProcessedLike {
  result: DocumentResult;
  segmented: {
    normalized: {
      raw: { original: string; format: string; encoding: string; meta: { sourceForm?: string } };
      noise: NoiseSpan[];
      map: { toOriginal(start: number, end: number): [number, number] };
    };
  };
}

export function sourcesFromProcessed(processed: readonly ProcessedLike[]): ReportSources {
  const out: ReportSources = new Map();
  for (const p of processed) {
    const n = p.segmented.normalized;
    const chrome = n.noise.map((s) => {
      const [start, end] = n.map.toOriginal(s.start, s.end);
      return { start, end, kind: s.kind };
    });
    const src: ReportSource = { original: n.raw.original, chrome, format: n.raw.format, encoding: n.raw.encoding };
    if (n.raw.meta.sourceForm) src.sourceForm = n.raw.meta.sourceForm;
    out.set(p.result.path, src);
  }
  return out;
}

function pick(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of path.split(".")) {
    if (!cur || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const RATIO_KEYS = {
  copy: ["copyRatio", "copy.ratio", "copy_ratio", "copiedRatio", "crossDocumentCopy.ratio", "copy"],
  boilerplate: ["boilerplateRatio", "boilerplate.ratio", "boilerplate_ratio", "boilerplate"],
} as const;

/** A ratio metric in [0, 1] (a percentage 0–100 is scaled), or null when the run did not compute it. */
export function docRatio(d: DocumentResult, kind: keyof typeof RATIO_KEYS): number | null {
  for (const key of RATIO_KEYS[kind]) {
    const v = pick(d.metrics, key);
    if (typeof v === "number" && Number.isFinite(v) && v >= 0) return v > 1 ? Math.min(1, v / 100) : v;
  }
  return null;
}

export function severityCounts(d: DocumentResult): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of d.findings) c[f.severity]++;
  return c;
}

export interface CopyPair {
  /** The document that copies (the later / reporting one). */
  from: string;
  /** The document copied from. */
  to: string;
  sharedChars: number;
  passages: number;
  /** False when the pair says only that two documents share text (a/b), not who copied. */
  directed: boolean;
}

/**
 * Copy pairs: the model's own `copyPairs` (added by the cross-document check) when present, else
 * derived from `cross-document-copy` findings (shared characters = the copied passages' length).
 */
export function copyPairs(model: ReportModel): CopyPair[] {
  const m = model as unknown as Record<string, unknown>;
  const extra = m.copyPairs ?? pick(m, "batch.copyPairs") ?? pick(m, "corpus.copyPairs") ?? pick(m, "batch.cross-document-copy.copyPairs");
  if (Array.isArray(extra) && extra.length) {
    const out: CopyPair[] = [];
    for (const raw of extra) {
      if (!raw || typeof raw !== "object") continue;
      const r = raw as Record<string, unknown>;
      const from = str(r.a ?? r.from ?? r.documentA ?? r.docA ?? r.source ?? r.left);
      const to = str(r.b ?? r.to ?? r.documentB ?? r.docB ?? r.target ?? r.right);
      if (!from || !to) continue;
      const shared = num(r.sharedChars ?? r.shared ?? r.chars ?? r.characters);
      const passages = Array.isArray(r.passages) ? r.passages.length : num(r.passages ?? r.passageCount);
      out.push({ from, to, sharedChars: shared, passages, directed: "from" in r || "source" in r });
    }
    if (out.length) return out.sort((x, y) => y.sharedChars - x.sharedChars);
  }
  const acc = new Map<string, CopyPair>();
  for (const d of model.documents) {
    for (const f of d.findings) {
      if (f.check !== "cross-document-copy") continue;
      for (const r of f.related ?? []) {
        if (!r.path || r.path === d.path) continue;
        const key = `${d.path}\u0000${r.path}`;
        const p = acc.get(key) ?? { from: d.path, to: r.path, sharedChars: 0, passages: 0, directed: true };
        p.sharedChars += num(f.evidence?.sharedChars) || f.end - f.start;
        p.passages += 1;
        acc.set(key, p);
      }
    }
  }
  return [...acc.values()].sort((x, y) => y.sharedChars - x.sharedChars);
}

function str(v: unknown): string | null {
  return typeof v === "string" && v ? v : null;
}
function num(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}
