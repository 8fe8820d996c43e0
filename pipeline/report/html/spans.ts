/**
 * @fileoverview Renders a text with overlapping annotated spans as properly nested HTML. Lines are
 * the outermost spans, then chrome, then findings, then related passages; where two spans cross,
 * the inner one is closed and re-opened, so one annotation may become several elements ("pieces").
 * The first piece of each annotation is its head (it carries the id); all pieces share `data-*`.
 */
import { esc } from "./escape.js";

export type SpanKind = "line" | "chrome" | "finding" | "related";
const RANK: Record<SpanKind, number> = { line: 0, chrome: 1, finding: 2, related: 3 };

export interface AnnotatedSpan {
  start: number;
  end: number;
  kind: SpanKind;
  /** Opening tag for the head piece and for continuation pieces; closing tag. */
  open(head: boolean): string;
  close: string;
}

interface Open {
  span: AnnotatedSpan;
  seq: number;
}

/**
 * @param text the whole original text
 * @param spans annotations in original offsets (clamped to the text); empty spans render as an
 * empty element at their position
 */
export function renderSpans(text: string, spans: AnnotatedSpan[]): string {
  const n = text.length;
  const clean = spans.map((s, seq) => ({ span: { ...s, start: clamp(s.start, n), end: clamp(Math.max(s.start, s.end), n) }, seq }));
  const starts = new Map<number, Open[]>();
  const empties = new Map<number, Open[]>();
  const points = new Set<number>([0, n]);
  for (const o of clean) {
    const target = o.span.start === o.span.end ? empties : starts;
    const list = target.get(o.span.start) ?? [];
    list.push(o);
    target.set(o.span.start, list);
    points.add(o.span.start);
    points.add(o.span.end);
  }
  const sorted = [...points].sort((a, b) => a - b);
  const out: string[] = [];
  const stack: Open[] = [];
  for (let k = 0; k < sorted.length; k++) {
    const p = sorted[k]!;
    // Close everything that ends here; pieces above them that go on are closed and re-opened.
    const reopen: Open[] = [];
    while (stack.some((o) => o.span.end <= p)) {
      const top = stack.pop()!;
      out.push(top.span.close);
      if (top.span.end > p) reopen.push(top);
    }
    const opening = [...reopen.map((o) => ({ o, head: false })), ...(starts.get(p) ?? []).map((o) => ({ o, head: true }))];
    opening.sort((a, b) => {
      const ra = RANK[a.o.span.kind];
      const rb = RANK[b.o.span.kind];
      if ((ra === 0) !== (rb === 0)) return ra === 0 ? -1 : 1;
      return b.o.span.end - a.o.span.end || ra - rb || a.o.seq - b.o.seq;
    });
    for (const { o, head } of opening) {
      out.push(o.span.open(head));
      stack.push(o);
    }
    for (const o of empties.get(p) ?? []) out.push(o.span.open(true) + o.span.close);
    const next = sorted[k + 1];
    if (next !== undefined && next > p) out.push(esc(text.slice(p, next)));
  }
  while (stack.length) out.push(stack.pop()!.span.close);
  return out.join("");
}

function clamp(x: number, n: number): number {
  return Math.max(0, Math.min(n, Math.floor(Number.isFinite(x) ? x : 0)));
}

/** Line spans including their `\n`: [{start, end, number}] with 1-based numbers. */
export function lineSpans(text: string): { start: number; end: number; number: number; empty: boolean }[] {
  const out: { start: number; end: number; number: number; empty: boolean }[] = [];
  let start = 0;
  let number = 1;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl + 1;
    out.push({ start, end, number, empty: text.slice(start, end).trim() === "" });
    start = end;
    number++;
  }
  return out;
}
