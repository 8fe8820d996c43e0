/**
 * @fileoverview Shared types of the arithmetic sub-checks (sums, rates, changes, counts, shares).
 * Each sub-check reads one sentence and returns what it computed; arithmetic.ts turns that into
 * findings. Spans are relative to the sentence text.
 */
import type { Quantity } from "../../text/arith-numbers.js";

export const ARITH_KINDS = ["sum", "remainder", "loose", "rate", "change", "count", "shares"] as const;
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
