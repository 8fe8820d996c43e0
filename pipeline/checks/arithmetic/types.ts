/**
 * @fileoverview Shared types of the arithmetic sub-checks (sums, rates, changes, counts, shares).
 * Each sub-check reads one sentence and returns what it computed; arithmetic.ts turns that into
 * findings. Spans are relative to the sentence text.
 */
import type { Quantity } from "../../text/arith-numbers.js";

export const ARITH_KINDS = ["sum", "remainder", "loose", "rate", "change", "count", "shares", "points", "status"] as const;
export type ArithKind = (typeof ARITH_KINDS)[number];

export interface Tolerance {
  /** Accept the computed value rounded half-up to the stated precision. */
  rounding: boolean;
  /** Accept the computed value truncated to the stated precision. */
  truncation: boolean;
  /** Extra absolute slack, in percentage points, for percentages. */
  percentPoints: number;
}

export interface ArithResult {
  kind: ArithKind;
  messageId: string;
  /** The span the finding marks (usually the stated value). */
  span: [number, number];
  data: Record<string, string | number>;
  /** `expression`, `expected`, `stated`, `tolerance` and more. */
  evidence: Record<string, unknown>;
  /** Every operand, in the order of the expression. */
  operands: { q: Quantity; label: string }[];
}

/** Formats a number for messages: at most 4 decimals, no trailing zeros. */
export function fmt(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}

/** The stated value in the unit it was written in (value without 万/亿 scaling for messages). */
export function shown(q: Quantity): string {
  return q.text.replace(/\s+/g, "");
}

/**
 * True when `computed` agrees with `stated` given `decimals` written digits: rounding (half-up) or
 * truncation at that precision, or within `slack`.
 */
export function agrees(computed: number, stated: number, decimals: number, tol: Tolerance, slack = 0): boolean {
  const f = 10 ** decimals;
  const eps = 1e-9;
  if (Math.abs(computed - stated) <= slack + eps) return true;
  if (tol.rounding && Math.abs(Math.floor(computed * f + 0.5 + eps) / f - stated) < eps + 1 / (f * 1e6)) return true;
  if (tol.truncation && Math.abs(Math.floor(computed * f + eps) / f - stated) < eps + 1 / (f * 1e6)) return true;
  return false;
}

/**
 * How to show values in messages: in the scale they were written in when all operands share it
 * (`1269+281+1576`, sum `3126亿`, not 126900000000+…), otherwise in base units.
 */
export function displayScale(qs: readonly Quantity[]): { show: (v: number) => string; suffix: string } {
  const scales = new Set(qs.map((q) => /(万亿|亿|万|千)/u.exec(q.text)?.[1] ?? ""));
  const [only] = [...scales];
  if (scales.size !== 1 || !only) return { show: (v) => fmt(v), suffix: "" };
  const div = only === "万亿" ? 1e12 : only === "亿" ? 1e8 : only === "万" ? 1e4 : 1e3;
  // Money is stored in 元, so 亿元 shows as 亿 (the unit 元 follows in the message).
  return { show: (v) => fmt(v / div), suffix: only };
}

/** Half a unit of the last written digit, in base units (1.2万人 → 500, 3125亿元 → 0.5亿). */
export function halfUnit(q: Quantity): number {
  const m = /(万亿|亿|万|千)/u.exec(q.text);
  const scale = m ? (m[1] === "万亿" ? 1e12 : m[1] === "亿" ? 1e8 : m[1] === "万" ? 1e4 : 1e3) : 1;
  return 0.5 * 10 ** -q.decimals * scale;
}
