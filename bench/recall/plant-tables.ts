/**
 * @fileoverview Recall class `table-total` (bench/recall.md): one figure of a real table changed so that
 * an identity the table states no longer holds. Sites are read from the tables the Markdown reader
 * keeps (NormalizedDocument.tables) by a reading of their own, simpler than the check's:
 *
 * - a total row is labelled 合计/总计/小计 or has a share of 100 (全国总人口 … 100.0);
 * - its list is the rows below it up to the next total row; a list that opens with a 其中 row is split
 *   into groups at each 其中 row (城镇/乡村, 男性/女性, 0-15岁/16-59岁/60岁及以上), otherwise the rows
 *   without 其中 form one group;
 * - an identity is a group whose figures add up to the total (within rounding) in at least two columns
 *   (a quantity and its shares, or two quantities): the table itself shows the group is the whole, as a
 *   reviewer would see it. Groups that add up in one column only (a top 总计 over some industries) are
 *   the variant `one-column`, planted and reported apart: nothing in the table says they are complete.
 *
 * One cell of the identity — the total (`total`) or a part (`part`), in a quantity or a share column —
 * gets one digit changed so the difference is at least 2 % of the total and far beyond rounding (a typo,
 * never a rounding matter). The planted span covers the total cell and the changed cell.
 */
import type { Table, TableCell } from "../../pipeline/model/document.js";
import type { DefectClass, Site } from "./plant.js";
import type { SourceDoc } from "./core.js";

interface PCell {
  cell: TableCell;
  value: number;
  decimals: number;
}

interface PRow {
  label: string;
  cells: Map<number, PCell>;
}

const NUM = /^-?\d+(?:\.\d+)?$/u;
const parse = (c: TableCell): PCell | null => {
  const t = c.text.replace(/\s+/gu, "");
  if (!NUM.test(t)) return null;
  return { cell: c, value: Number(t), decimals: t.includes(".") ? t.split(".")[1]!.length : 0 };
};

function readTable(t: Table): { rows: PRow[]; heads: Map<number, string> } | null {
  const rows: PRow[] = [];
  const heads = new Map<number, string>();
  let body = false;
  for (const r of t.rows) {
    const cells = new Map<number, PCell>();
    for (const c of r.cells) {
      const p = c.col > 0 ? parse(c) : null;
      if (p) cells.set(c.col, p);
    }
    if (!body && cells.size === 0) {
      for (const c of r.cells) if (c.col > 0) heads.set(c.col, (heads.get(c.col) ?? "") + c.text.replace(/\s+/gu, ""));
      continue;
    }
    body = true;
    const label = r.cells.find((c) => c.col === 0)?.text.replace(/\s+|\[\d+\]/gu, "") ?? "";
    rows.push({ label, cells });
  }
  return rows.length ? { rows, heads } : null;
}

const TOTAL = /^(?:合计|总计|小计)$/u;
const QZ = /^其中/u;

export const tableTotal: DefectClass = {
  id: "table-total",
  title: "a figure of a real table changed so its total / shares no longer add up",
  expect: ["arithmetic"],
  sites(doc: SourceDoc): Site[] {
    const out: Site[] = [];
    const tables = doc.seg.normalized.tables ?? [];
    tables.forEach((table, ti) => {
      const read = readTable(table);
      if (!read) return;
      const { rows, heads } = read;
      const kind = (col: number) => {
        const h = heads.get(col) ?? "";
        return /增长|增速|比上年|率|平均/u.test(h) ? "other" : /比重|占比|%/u.test(h) ? "share" : "quantity";
      };
      const rounded = (col: number) => /万|亿|千/u.test(heads.get(col) ?? "") || rows.some((r) => (r.cells.get(col)?.decimals ?? 0) > 0);
      const cols = [...new Set(rows.flatMap((r) => [...r.cells.keys()]))].filter((c) => kind(c) !== "other");
      const isTotal = (r: PRow) => TOTAL.test(r.label) || cols.some((c) => kind(c) === "share" && r.cells.get(c)?.value === 100);
      rows.forEach((t, i) => {
        if (!isTotal(t)) return;
        const list: PRow[] = [];
        for (let k = i + 1; k < rows.length && !isTotal(rows[k]!); k++) list.push(rows[k]!);
        const groups: PRow[][] = [];
        if (list[0] && QZ.test(list[0].label)) for (const r of list) (QZ.test(r.label) || !groups.length ? groups.push([r]) : groups[groups.length - 1]!.push(r));
        else groups.push(list.filter((r) => !QZ.test(r.label)));
        groups.forEach((g, gi) => {
          if (g.length < 2) return;
          const holds = cols.filter((c) => {
            const total = t.cells.get(c);
            const parts = g.map((r) => r.cells.get(c));
            if (!total || parts.some((p) => !p)) return false;
            const sum = parts.reduce((s, p) => s + p!.value, 0);
            const slack = rounded(c) ? parts.reduce((s, p) => s + 0.5 * 10 ** -p!.decimals, 0.5 * 10 ** -total.decimals) : 0;
            return Math.abs(sum - total.value) <= slack + 1e-9;
          });
          if (holds.length === 0) return;
          const variant = holds.length >= 2 ? "whole" : "one-column";
          for (const c of holds) {
            const total = t.cells.get(c)!;
            const targets: [string, PCell][] = [["total", total], ["part", g[(ti + gi + c) % g.length]!.cells.get(c)!]];
            for (const [role, target] of targets) {
              const changed = changeDigit(target, Math.max(0.02 * Math.abs(total.value), rounded(c) ? 5 * g.length * 10 ** -target.decimals : 1));
              if (!changed) continue;
              const [s, e] = doc.seg.normalized.map.toOriginal(target.cell.start, target.cell.end);
              const digits = doc.original.slice(s, e);
              if (digits.replace(/\s+/gu, "") !== target.cell.text.replace(/\s+/gu, "")) continue;
              const text = doc.original.slice(0, s) + changed + doc.original.slice(e);
              const [ts, te] = doc.seg.normalized.map.toOriginal(total.cell.start, total.cell.end);
              // Only where the unplanted table is silent: a hit is then caused by the plant.
              if (doc.findings.some((f) => f.check === "arithmetic" && f.start < Math.max(e, te) && Math.min(s, ts) < f.end)) continue;
              const shift = changed.length - digits.length;
              const span: [number, number] = role === "total" ? [ts, te + shift] : ts < s ? [ts, e + shift] : [s, te + shift];
              out.push({ variant: `${variant} ${role} ${kind(c)}`, text, span, note: `table ${ti + 1}, ${t.label || "total"} / ${heads.get(c) ?? c}: ${role} ${digits} → ${changed} (group ${g.map((r) => r.label).join("、")})` });
            }
          }
        });
      });
    });
    return out;
  },
};

/** The figure with one digit changed so it moves by at least `min` (the most significant digit that does, +3 or −3). */
function changeDigit(p: PCell, min: number): string | null {
  const text = p.cell.text.replace(/\s+/gu, "");
  const digits = [...text].map((ch, i) => ({ ch, i })).filter((d) => /\d/u.test(d.ch));
  const point = text.indexOf(".");
  for (const d of digits.reverse()) {
    const power = (point < 0 ? text.length : point) - d.i - (point >= 0 && d.i > point ? 0 : 1);
    const weight = 10 ** power;
    if (3 * weight < min) continue;
    const v = Number(d.ch);
    const nv = v >= 3 ? v - 3 : v + 3;
    if (d.i === 0 && nv === 0) continue;
    return text.slice(0, d.i) + String(nv) + text.slice(d.i + 1);
  }
  return null;
}
