/**
 * @fileoverview Totals and shares in tables (docs/tables.md). A table (NormalizedDocument.tables: rows ×
 * cells with grid columns and merges) is read as header rows (no figure), label columns (left of the
 * first figure), an optional unit column, and data columns whose header says what they hold: quantities
 * add up, shares (比重/占比/%) add up to 100 and equal part ÷ total, growth rates, averages and other
 * ratios never add up and are left alone.
 *
 * What is checked, and how sure the table is to be complete decides what a difference means:
 * - a row labelled 合计/总计/小计 after its parts, a row whose label is nested under a merged label
 *   (the 政府信息公开 form), and a column headed 合计/总计 are complete by construction: any difference
 *   beyond rounding is an error (`sum`);
 * - a total row at the top of a communiqué table (总计, then 农、林、牧、渔业 …) often lists only the main
 *   categories: a difference is an error only when another column of the same rows adds up exactly, or
 *   the shares add up to 100 (the rows are then the whole); parts above the total are a warning (`loose`);
 * - 其中 rows are sub-rows of the row above, never parts of the total; rows after a 其中 row may still
 *   be sub-rows or top-level again (no indentation survives in Markdown): every reading is tried and the
 *   table is silent as soon as one adds up;
 * - a share equals part ÷ the row whose share is 100 (or the 其中 row's parent), with rounding,
 *   truncation and 0.1 point of slack for shares forced to add up to 100 (domain-kb.md §4.1) (`rate`);
 * - identities of mandated tables (rules/kb/table-identities.yaml: 政府信息公开年度报告, domain-kb.md §4.2).
 */
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "../../ruleset/yaml-lazy.js";
import type { SegmentedDocument, Table, TableCell } from "../../model/document.js";
import type { CheckUnit, RawFinding } from "../define-check.js";
import { fmt, type ArithKind, type Tolerance } from "./types.js";

/** An identity a mandated table must satisfy (rules/kb/table-identities.yaml). */
export type TableIdentity =
  | {
      id: string;
      kind: "rows";
      /** What the identity says, for messages (`本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理`). */
      name: { zh: string; en: string };
      source: string;
      /** The table qualifies when a row label matches each of these. */
      requires: RegExp[];
      /** Per data column: Σ lhs rows = Σ rhs rows. */
      lhs: RegExp[];
      rhs: RegExp[];
    }
  | {
      id: string;
      kind: "columns";
      name: { zh: string; en: string };
      source: string;
      /** Per row: the column headed `total` = Σ the `parts` columns of its header group. */
      total: string;
      parts: string[];
    };

const identityCache = new Map<string, TableIdentity[]>();

/** Loads (once per file) the identities of rules/kb/table-identities.yaml. */
export function loadTableIdentities(file: string): TableIdentity[] {
  let ids = identityCache.get(file);
  if (ids) return ids;
  const doc = parseYaml(readFileSync(file, "utf8")) as { identities?: Record<string, unknown>[] };
  ids = (doc.identities ?? []).map((raw): TableIdentity => {
    const r = raw as Record<string, any>;
    const base = { id: String(r.id), name: r.name as { zh: string; en: string }, source: String(r.source) };
    if (r.kind === "columns") return { ...base, kind: "columns", total: String(r.total), parts: (r.parts as unknown[]).map(String) };
    const res = (v: unknown) => (v as unknown[]).map((x) => new RegExp(String(x), "u"));
    return { ...base, kind: "rows", requires: res(r.requires), lhs: res(r.lhs), rhs: res(r.rhs) };
  });
  identityCache.set(file, ids);
  return ids;
}

export interface TableFinding {
  kind: ArithKind;
  messageId: string;
  /** The stated value the finding marks. */
  cell: TableCell;
  data: Record<string, string | number>;
  evidence: Record<string, unknown>;
  operands: { cell: TableCell; label: string }[];
}

interface Num {
  value: number;
  decimals: number;
}

type ColumnKind = "quantity" | "share" | "other";

interface Column {
  col: number;
  path: string[];
  kind: ColumnKind;
  rounded: boolean;
}

interface Row {
  index: number;
  path: string[];
  label: string;
  total: boolean;
  qizhong: boolean;
  unit: string | null;
  cells: Map<number, TableCell>;
}

interface Grid {
  table: Table;
  body: Row[];
  columns: Column[];
}

/** 合计, 总 计, （七）总计, 小计 …: the whole label says total. */
const TOTAL_LABEL = /^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)?(?:合计|总计|小计|共计|总数|全部)$/u;
const QIZHONG = /^其中[:：]?/u;
const TOP_MARKER = /^[一二三四五六七八九十]+、/u;
const SUB_MARKER = /^[（(][一二三四五六七八九十]+[)）]/u;
const GROWTH = /增长|增速|增幅|增减|比上年|比去年|同比|环比|率|平均|人均|均价|单价|价格|指数|排名|位次|同期|倍|年份|年度|时间|日期|序号|编号|代码/u;
const SHARE = /比重|占比|构成|比例|%|％/u;
const SCALE = /万|亿|千/u;
const COUNT_UNIT = /[（(](?:个|家|件|人|项|次|户|所|座|名|宗|起|条|份)[)）]/u;
const NUMBER = /^([-−－]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?([%％])?$/u;
const DASH = /^(?:[-—–－…]+|\/|／)$/u;
/** Readings of 其中 runs tried per total before giving up (silent). */
const MAX_READINGS = 4096;

/** A cell's figure (footnote marks and spaces ignored), null when it is no figure. */
export function cellNumber(text: string): Num | null {
  const t = text.replace(/\[\d+\]|［\d+］/gu, "").replace(/\s+/gu, "");
  const m = NUMBER.exec(t);
  if (!m) return null;
  const value = Number(m[2]!.replace(/,/g, "") + (m[3] ? `.${m[3]}` : ""));
  return { value: m[1] ? -value : value, decimals: m[3]?.length ?? 0 };
}

const compact = (s: string) => s.replace(/\[\d+\]|［\d+］/gu, "").replace(/\s+/gu, "");

/** Reads the table's structure; null when it is no table of figures the checks understand. */
export function readGrid(table: Table, before = ""): Grid | null {
  const nRows = table.rows.length;
  // grid[r][c]: the cell covering (r, c), merges included.
  const grid: (TableCell | undefined)[][] = table.rows.map(() => []);
  let width = 0;
  table.rows.forEach((row, r) => {
    for (const cell of row.cells) {
      for (let dr = 0; dr < (cell.rowSpan ?? 1) && r + dr < nRows; dr++) {
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) grid[r + dr]![cell.col + dc] ??= cell;
      }
      width = Math.max(width, cell.col + (cell.colSpan ?? 1));
    }
  });
  const own = (r: number, c: number) => table.rows[r]!.cells.find((x) => x.col === c);
  const isNum = (cell: TableCell | undefined) => cell !== undefined && cellNumber(cell.text) !== null;
  // Header rows: before the first row holding a figure in its own cells.
  const firstBody = table.rows.findIndex((row) => row.cells.some((c) => c.col > 0 && isNum(c)) || (row.cells.length > 1 && row.cells.every((c) => isNum(c))));
  if (firstBody < 0) return null;
  // A 序号 column holds figures but is a label: the data start after it.
  const serial = (c: number) => table.rows.slice(0, firstBody).some((row) => row.cells.some((x) => x.col === c && /^(?:序号|编号|No\.?)$/iu.test(compact(x.text))));
  let firstData = width;
  for (let r = firstBody; r < nRows; r++) for (const c of table.rows[r]!.cells) if (isNum(c) && !serial(c.col)) firstData = Math.min(firstData, c.col);
  const columns: Column[] = [];
  const context = compact(before.slice(-120)) + compact(table.rows.slice(0, firstBody).map((r) => r.cells.map((c) => c.text).join(" ")).join(" "));
  for (let c = firstData; c < width; c++) {
    let numbers = 0;
    let texts = 0;
    for (let r = firstBody; r < nRows; r++) {
      const cell = own(r, c);
      if (!cell) continue;
      if (isNum(cell)) numbers++;
      else if (!DASH.test(compact(cell.text))) texts++;
    }
    const path: string[] = [];
    for (let r = 0; r < firstBody; r++) {
      const h = grid[r]![c];
      if (h && !(h.col === 0 && (h.colSpan ?? 1) === 1 && c > 0)) {
        const t = compact(h.text);
        if (t && path[path.length - 1] !== t) path.push(t);
      }
    }
    if (texts > numbers) {
      // A unit column (单位: 万吨, 亿千瓦小时) is fine; any other text column means two tables side by side.
      if (path.some((p) => /^单位$/u.test(p)) || (texts > 0 && numbers === 0 && columnIsUnits(table, c, firstBody))) continue;
      return null;
    }
    if (numbers === 0) continue;
    const head = path.join("/");
    const kind: ColumnKind = GROWTH.test(head) ? "other" : SHARE.test(head) ? "share" : "quantity";
    // A count (合同项目（个）) is exact even under a 金额单位：亿美元 caption; other figures under a 万/亿 unit are rounded.
    columns.push({ col: c, path, kind, rounded: SCALE.test(head) || (!COUNT_UNIT.test(head) && SCALE.test(context)) });
  }
  const unitCol = unitColumn(table, firstBody, firstData, width);
  const body: Row[] = [];
  for (let r = firstBody; r < nRows; r++) {
    const path: string[] = [];
    for (let c = 0; c < firstData; c++) {
      const cell = grid[r]![c];
      if (!cell) continue;
      const t = compact(cell.text);
      if (t && path[path.length - 1] !== t) path.push(t);
    }
    const label = path[path.length - 1] ?? "";
    const cells = new Map<number, TableCell>();
    for (const cell of table.rows[r]!.cells) if (cell.col >= firstData) cells.set(cell.col, cell);
    const unitCell = unitCol === null ? undefined : own(r, unitCol);
    body.push({ index: r, path, label, total: TOTAL_LABEL.test(label), qizhong: QIZHONG.test(label), unit: unitCell ? compact(unitCell.text) : null, cells });
  }
  return { table, body, columns };
}

function columnIsUnits(table: Table, c: number, firstBody: number): boolean {
  let n = 0;
  for (let r = firstBody; r < table.rows.length; r++) {
    const cell = table.rows[r]!.cells.find((x) => x.col === c);
    if (!cell) continue;
    if (compact(cell.text).length > 6) return false;
    n++;
  }
  return n > 0;
}

function unitColumn(table: Table, firstBody: number, firstData: number, width: number): number | null {
  for (let c = firstData; c < width; c++) {
    const isUnit = table.rows.slice(0, firstBody).some((row) => row.cells.some((x) => x.col === c && /^单\s*位$/u.test(compact(x.text))));
    if (isUnit) return c;
  }
  return null;
}

/** Options the arithmetic check passes in. */
export interface TableCheckOptions {
  tol: Tolerance;
  identities: readonly TableIdentity[];
  /** Text before the table (a `单位：亿元` line). */
  before?: string;
}

/** Every finding of one table. */
export function checkTable(table: Table, opts: TableCheckOptions): TableFinding[] {
  const grid = readGrid(table, opts.before ?? "");
  if (!grid) return [];
  const out: TableFinding[] = [];
  const taken = new Set<TableCell>();
  const push = (f: TableFinding) => {
    if (taken.has(f.cell)) return;
    taken.add(f.cell);
    out.push(f);
  };
  const identities = identityFindings(grid, opts.identities);
  // kb column identities first (they name their source), then the generic rules; one finding per stated cell.
  for (const f of identities.filter((x) => x.evidence.table === "identity" && x.messageId === "table-sum-mismatch")) push(f);
  for (const f of rowTotals(grid)) push(f);
  for (const f of columnTotals(grid)) push(f);
  for (const f of identities) push(f);
  for (const f of shareFindings(grid, opts.tol)) push(f);
  for (const f of sharesOver(grid)) push(f);
  // One wrong cell breaks its row's and its column's identity: a finding whose operand is another
  // finding's stated total is a consequence of that total, not a second error.
  const stated = new Set(out.map((f) => f.cell));
  return out.filter((f) => !f.operands.some((o) => o.cell !== f.cell && stated.has(o.cell)));
}

const numOf = (row: Row, col: number): Num | null => {
  const cell = row.cells.get(col);
  return cell ? cellNumber(cell.text) : null;
};

const rowName = (row: Row) => row.path.join("/") || `第${row.index + 1}行`;
const colName = (col: Column) => col.path[col.path.length - 1] ?? `第${col.col + 1}列`;

/** Slack of a sum of rounded figures: half a unit of the last digit of each, or 0 for exact counts. */
function sumSlack(col: Column, total: Num, parts: readonly Num[]): number {
  const decimals = Math.max(total.decimals, ...parts.map((p) => p.decimals));
  if (!col.rounded && decimals === 0) return 0;
  return parts.reduce((s, p) => s + 0.5 * 10 ** -p.decimals, 0.5 * 10 ** -total.decimals) + 1e-9;
}

function show(n: number): string {
  return fmt(n);
}

interface Reading {
  parts: Row[];
}

/**
 * The readings of a list of rows under a total: 其中 rows are sub-rows; each run of rows after a 其中
 * row holds a few more sub-rows (any number) before the list goes on at the top level.
 */
function readings(rows: readonly Row[]): Reading[] | null {
  const runs: { before: Row[]; rest: Row[] }[] = [];
  const head: Row[] = [];
  let i = 0;
  while (i < rows.length && !rows[i]!.qizhong) head.push(rows[i++]!);
  while (i < rows.length) {
    i++; // the 其中 row
    const rest: Row[] = [];
    while (i < rows.length && !rows[i]!.qizhong) rest.push(rows[i++]!);
    runs.push({ before: [], rest });
  }
  let count = 1;
  for (const r of runs) {
    count *= r.rest.length + 1;
    if (count > MAX_READINGS) return null;
  }
  const out: Reading[] = [];
  const walk = (k: number, acc: Row[]) => {
    if (k === runs.length) {
      out.push({ parts: acc });
      return;
    }
    const rest = runs[k]!.rest;
    for (let m = 0; m <= rest.length; m++) walk(k + 1, [...acc, ...rest.slice(m)]);
  };
  walk(0, head);
  return out;
}

type Verdict = { sum: number; parts: { row: Row; n: Num }[]; slack: number } | null;

function evaluate(col: Column, total: Num, parts: readonly Row[]): Verdict {
  const nums: { row: Row; n: Num }[] = [];
  for (const p of parts) {
    const n = numOf(p, col.col);
    if (!n) return null;
    nums.push({ row: p, n });
  }
  if (nums.length < 2) return null;
  const sum = nums.reduce((s, x) => s + x.n.value, 0);
  return { sum, parts: nums, slack: sumSlack(col, total, nums.map((x) => x.n)) };
}

const fits = (v: Verdict, total: Num) => v !== null && Math.abs(v.sum - total.value) <= v.slack + 1e-9;

/** Columns whose figures add up over the rows of a list: quantities and shares. */
const additive = (g: Grid) => g.columns.filter((c) => c.kind !== "other");

/** Rows labelled as totals, and rows whose share is 100: their parts are the rows they head or close. */
function rowTotals(g: Grid): TableFinding[] {
  const out: TableFinding[] = [];
  const cols = additive(g);
  const shareCols = cols.filter((c) => c.kind === "share");
  const hundred = (row: Row) => shareCols.some((c) => Math.abs((numOf(row, c.col)?.value ?? 0) - 100) < 1e-9);
  // The whole of a table of shares is also the row whose 其中 groups' shares add up to 100, whatever
  // its own share says (a whole printed as 103.0 is still the whole).
  const wholes = new Set<Row>();
  g.body.forEach((r, i) => {
    if (hundred(r)) {
      wholes.add(r);
      return;
    }
    if (r.qizhong || !g.body[i + 1]?.qizhong) return;
    const list: Row[] = [];
    for (let k = i + 1; k < g.body.length && !g.body[k]!.total && !hundred(g.body[k]!); k++) list.push(g.body[k]!);
    // …and whose figures add up to the row's own figure in the quantity column beside the shares.
    const addsTo100 = splitQizhong(list).some((grp) =>
      shareCols.some((c) => {
        const nums = grp.map((x) => numOf(x, c.col));
        if (nums.some((n) => !n) || !numOf(r, c.col)) return false;
        const sum = nums.reduce((a, n) => a + n!.value, 0);
        if (Math.abs(sum - 100) > nums.reduce((a, n) => a + 0.5 * 10 ** -n!.decimals, 0) + 1e-9) return false;
        const q = [...g.columns].reverse().find((x) => x.kind === "quantity" && x.col < c.col);
        const whole = q && numOf(r, q.col);
        return !!whole && fits(evaluate(q, whole, grp), whole);
      }),
    );
    if (addsTo100) wholes.add(r);
  });
  const headsList = (row: Row) => row.total || wholes.has(row);
  g.body.forEach((t, ti) => {
    if (!headsList(t)) return;
    const prefix = t.path.slice(0, -1);
    const under = (r: Row) => r !== t && r.path.length > prefix.length && prefix.every((p, k) => r.path[k] === p) && (t.unit === null || r.unit === t.unit);
    // Bottom total: the rows above it since the last total of the same list; nested form rows are complete by construction.
    const above: Row[] = [];
    for (let k = ti - 1; k >= 0; k--) {
      const r = g.body[k]!;
      if (!under(r) || (headsList(r) && r.path.length === t.path.length)) break;
      // A flat copy of a nested form: a label row without figures opens its block (三、本年度办理结果)
      // when it is a top-level 一、 label; other label rows ((三)不予公开) only head sub-rows.
      if (r.cells.size === 0) {
        if (TOP_MARKER.test(r.label)) break;
        continue;
      }
      // A （七）总计 adds up its （一）…（六） block: a 一、 row above it is the level above, not a part.
      if (SUB_MARKER.test(t.label) && TOP_MARKER.test(r.label)) break;
      above.push(r);
    }
    above.reverse();
    // A row with figures followed by its numbered items ((三)不予公开 12 / 1.属于国家秘密 3 …) is a
    // subtotal the flat table does not mark: which rows count is unclear, so the list is not read.
    const subtotalHead = (r: Row) => {
      const next = g.body[g.body.indexOf(r) + 1];
      return !!next && next.path.length === r.path.length && /^[（(][一二三四五六七八九十]+[)）]/u.test(r.label) && /^\d+[.．、]/u.test(next.label);
    };
    if (above.some(subtotalHead)) above.length = 0;
    const below: Row[] = [];
    for (let k = ti + 1; k < g.body.length; k++) {
      const r = g.body[k]!;
      if (!under(r) || (headsList(r) && r.path.length === t.path.length)) break;
      below.push(r);
    }
    let parts: Row[];
    let complete: boolean;
    if (t.total && above.length >= 2) {
      parts = leafParts(above, prefix);
      complete = true;
    } else if (below.length >= 2) {
      parts = below;
      complete = prefix.length > 0;
    } else return;
    if (parts.length < 2) return;
    const groups: Row[][] = parts[0]!.qizhong ? splitQizhong(parts) : [];
    const reads = groups.length ? groups.map((grp) => ({ parts: grp })) : readings(parts);
    if (!reads) return;
    /**
     * Another column of the same total whose parts add up proves the rows are the whole list. Only an
     * exact count (integers, no 万/亿) proves it beyond doubt: a rounded column or shares may hide a small
     * unlisted category (2007 表8: 企业数 37871 vs 37870 listed, the amounts agree within rounding).
     */
    const witnessOf = (col: Column, parts: readonly Row[]): { name: string; exact: boolean } | null => {
      let found: { name: string; exact: boolean } | null = null;
      for (const o of cols) {
        if (o === col) continue;
        const ot = numOf(t, o.col);
        const v = ot && evaluate(o, ot, parts);
        if (!ot || !v || !fits(v, ot)) continue;
        const exact = v.slack === 0;
        if (!found || (exact && !found.exact)) found = { name: colName(o), exact };
      }
      return found;
    };
    for (const col of cols) {
      const total = numOf(t, col.col);
      if (!total) continue;
      if (groups.length) {
        // Each 其中 group is one breakdown of the total along its own dimension.
        for (const rd of reads) {
          const v = evaluate(col, total, rd.parts);
          if (!v || fits(v, total)) continue;
          const witness = witnessOf(col, rd.parts);
          if (witness) out.push(sumFinding(g, t, col, total, v, witness.exact ? "sum" : "loose", { complete: true, witness: witness.name, group: "其中" }));
          else if (v.sum > total.value + v.slack) out.push(sumFinding(g, t, col, total, v, "loose", { complete: false, group: "其中" }));
        }
        continue;
      }
      const verdicts = reads.map((rd) => ({ rd, v: evaluate(col, total, rd.parts) }));
      if (verdicts.some(({ v }) => v === null)) continue;
      if (verdicts.some(({ v }) => fits(v, total))) continue;
      let chosen: { v: Verdict; witness: { name: string; exact: boolean } | null } | null = null;
      for (const { rd, v } of verdicts) {
        const witness = witnessOf(col, rd.parts);
        if (witness && (!chosen || (witness.exact && !chosen.witness!.exact))) chosen = { v, witness };
      }
      if (complete) {
        const best = verdicts.reduce((a, b) => (Math.abs(b.v!.sum - total.value) < Math.abs(a.v!.sum - total.value) ? b : a));
        chosen = { v: best.v, witness: null };
      }
      if (chosen) {
        const kind: ArithKind = complete || chosen.witness!.exact ? "sum" : "loose";
        out.push(sumFinding(g, t, col, total, chosen.v!, kind, { complete: true, ...(chosen.witness ? { witness: chosen.witness.name } : {}) }));
        continue;
      }
      const min = verdicts.reduce((a, b) => (b.v!.sum < a.v!.sum ? b : a));
      if (min.v!.sum > total.value + min.v!.slack) out.push(sumFinding(g, t, col, total, min.v!, "loose", { complete: false }));
    }
  });
  return out;
}

/** Rows split at each 其中 row (the 其中 row opens its group). */
function splitQizhong(rows: readonly Row[]): Row[][] {
  const out: Row[][] = [];
  for (const r of rows) {
    if (r.qizhong || out.length === 0) out.push([r]);
    else out[out.length - 1]!.push(r);
  }
  return out.filter((g) => g.length >= 2);
}

/**
 * Parts of a total closing a list: rows covered by a subtotal (小计) count through it; in a nested form
 * (三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密) every leaf row under the total's parent counts once.
 */
function leafParts(rows: readonly Row[], prefix: readonly string[]): Row[] {
  const subtotals = rows.filter((r) => r.total);
  if (subtotals.length === 0) return rows.filter((r) => !r.qizhong);
  const out: Row[] = [];
  let pending: Row[] = [];
  for (const r of rows) {
    if (r.total) {
      // A nested subtotal covers the rows of its own group; a flat one covers the rows since the last.
      if (r.path.length > prefix.length + 1) {
        const group = r.path[prefix.length];
        pending = pending.filter((p) => p.path[prefix.length] !== group);
        out.push(...pending, r);
      } else out.push(r);
      pending = [];
      continue;
    }
    if (!r.qizhong) pending.push(r);
  }
  return [...out, ...pending];
}

function sumFinding(g: Grid, t: Row, col: Column, total: Num, v: NonNullable<Verdict>, kind: ArithKind, extra: Record<string, unknown>): TableFinding {
  const cell = t.cells.get(col.col)!;
  const expression = v.parts.map((p) => show(p.n.value)).join("+");
  const label = `${rowName(t)}／${colName(col)}`;
  const diff = v.sum - total.value;
  return {
    kind,
    messageId: extra.complete ? "table-sum-mismatch" : "table-sum-exceeds",
    cell,
    data: { label, stated: cell.text, sum: show(v.sum), expression, diff: show(Math.abs(diff)) },
    evidence: {
      kind,
      table: "row-total",
      row: rowName(t),
      column: col.path.join("/"),
      expression,
      expected: Number(show(v.sum)),
      stated: total.value,
      tolerance: Number(show(v.slack)),
      parts: v.parts.map((p) => ({ label: rowName(p.row), value: p.n.value })),
      ...extra,
    },
    operands: [{ cell, label: "total" }, ...v.parts.map((p) => ({ cell: p.row.cells.get(col.col)!, label: rowName(p.row) }))],
  };
}

/** A column headed 合计/总计: the sum of the other columns under the same header, row by row. */
function columnTotals(g: Grid): TableFinding[] {
  const out: TableFinding[] = [];
  const quantity = g.columns.filter((c) => c.kind === "quantity");
  for (const t of quantity) {
    const last = t.path[t.path.length - 1];
    if (!last || !TOTAL_LABEL.test(last)) continue;
    const parent = t.path.slice(0, -1);
    const under = (c: Column) => c !== t && c.path.length > parent.length && parent.every((p, k) => c.path[k] === p);
    // Columns covered by a nested subtotal column count through it.
    const subtotals = quantity.filter((c) => under(c) && c.path.length > parent.length + 1 && TOTAL_LABEL.test(c.path[c.path.length - 1]!));
    const parts = quantity.filter((c) => {
      if (!under(c) || QIZHONG.test(c.path[c.path.length - 1] ?? "")) return false;
      if (TOTAL_LABEL.test(c.path[c.path.length - 1] ?? "")) return subtotals.includes(c);
      return !subtotals.some((s) => s.path.slice(0, -1).every((p, k) => c.path[k] === p));
    });
    // Every other column of the block must be a quantity: a rate or share among them means another layout.
    if (parts.length < 2 || g.columns.some((c) => c.kind !== "quantity" && under(c))) continue;
    for (const row of g.body) {
      const f = columnSumFinding(row, t, parts, { table: "column-total" });
      if (f) out.push(f);
    }
  }
  return out;
}

/**
 * A share column without a 100 % row or a total row: the shares of the listed rows (其中 rows aside)
 * may add up to less than 100 (an unlisted rest), never to more (`shares`, warning).
 */
function sharesOver(g: Grid): TableFinding[] {
  const out: TableFinding[] = [];
  if (g.body.some((r) => r.unit !== null)) return out;
  for (const s of g.columns.filter((c) => c.kind === "share")) {
    const rows = g.body.filter((r) => numOf(r, s.col));
    if (rows.some((r) => r.total || Math.abs(numOf(r, s.col)!.value - 100) < 1e-9)) continue;
    const parts = rows.filter((r) => !r.qizhong);
    if (parts.length < 2 || parts.length < rows.length - 2) continue;
    const nums = parts.map((r) => numOf(r, s.col)!);
    const sum = nums.reduce((a, n) => a + n.value, 0);
    const slack = nums.reduce((a, n) => a + 0.5 * 10 ** -n.decimals, 0) + 0.1;
    if (sum <= 100 + slack + 1e-9) continue;
    const last = parts[parts.length - 1]!;
    const cell = last.cells.get(s.col)!;
    const expression = nums.map((n) => show(n.value)).join("+");
    out.push({
      kind: "shares",
      messageId: "shares-over",
      cell,
      data: { sum: show(sum), expression },
      evidence: { kind: "shares", table: "shares", column: s.path.join("/"), expression, expected: 100, stated: Number(show(sum)), tolerance: Number(show(slack)), parts: parts.map((r, k) => ({ label: rowName(r), value: nums[k]!.value })) },
      operands: parts.map((r) => ({ cell: r.cells.get(s.col)!, label: rowName(r) })),
    });
  }
  return out;
}

/** Shares: part ÷ the row whose share is 100 (or the 其中 row's parent), within rounding, truncation and 0.1 point. */
function shareFindings(g: Grid, tol: Tolerance): TableFinding[] {
  const out: TableFinding[] = [];
  for (const s of g.columns.filter((c) => c.kind === "share")) {
    // The quantity the share is of: the nearest quantity column to its left.
    const q = [...g.columns].reverse().find((c) => c.kind === "quantity" && c.col < s.col);
    if (!q) continue;
    let base: Row | null = null;
    let parent: Row | null = null;
    for (const row of g.body) {
      const share = numOf(row, s.col);
      if (share && Math.abs(share.value - 100) < 1e-9) {
        base = row;
        parent = row;
        continue;
      }
      if (!row.qizhong) parent = row;
      if (!base || !share) continue;
      if (base.unit !== row.unit) continue;
      const part = numOf(row, q.col);
      if (!part) continue;
      const candidates = [base, row.qizhong ? parent : null].filter((b): b is Row => b !== null && b !== row);
      let best: { b: Row; expected: number } | null = null;
      let ok = false;
      for (const b of candidates) {
        const whole = numOf(b, q.col);
        if (!whole || whole.value <= 0) continue;
        const expected = (part.value / whole.value) * 100;
        // Rounded quantities move the ratio: half a unit of each, relative.
        const qSlack = q.rounded || part.decimals || whole.decimals ? 100 * ((0.5 * 10 ** -part.decimals) / whole.value + (part.value * 0.5 * 10 ** -whole.decimals) / whole.value ** 2) : 0;
        const unit = 10 ** -share.decimals;
        const slack = 0.1 + qSlack + tol.percentPoints;
        const rounded = Math.round(expected / unit) * unit;
        const truncated = Math.floor(expected / unit + 1e-9) * unit;
        if (Math.abs(share.value - expected) <= 0.5 * unit + slack + 1e-9 || (tol.rounding && Math.abs(rounded - share.value) < 1e-9) || (tol.truncation && Math.abs(truncated - share.value) < 1e-9)) ok = true;
        best ??= { b, expected };
      }
      if (ok || !best) continue;
      const cell = row.cells.get(s.col)!;
      const whole = numOf(best.b, q.col)!;
      const expression = `${show(part.value)}/${show(whole.value)}`;
      out.push({
        kind: "rate",
        messageId: "table-share-mismatch",
        cell,
        data: { label: rowName(row), column: colName(s), stated: cell.text, expression, expected: show(Math.round(best.expected * 100) / 100) },
        evidence: {
          kind: "rate",
          table: "share",
          row: rowName(row),
          column: s.path.join("/"),
          base: rowName(best.b),
          expression,
          expected: Number(show(Math.round(best.expected * 100) / 100)),
          stated: share.value,
          tolerance: 0.1,
        },
        operands: [
          { cell, label: "share" },
          { cell: row.cells.get(q.col)!, label: "part" },
          { cell: best.b.cells.get(q.col)!, label: "total" },
        ],
      });
    }
  }
  return out;
}

/** Identities of mandated tables (政府信息公开 table 三: 本年新收 + 上年结转 = 总计 + 结转下年; 总计 columns). */
function identityFindings(g: Grid, identities: readonly TableIdentity[]): TableFinding[] {
  const out: TableFinding[] = [];
  const label = (r: Row) => r.path.join("/");
  for (const id of identities) {
    if (id.kind === "columns") {
      out.push(...columnIdentity(g, id));
      continue;
    }
    if (!id.requires.every((re) => g.body.some((r) => re.test(label(r))))) continue;
    const pick = (res: RegExp[]) => res.map((re) => g.body.find((r) => re.test(label(r))));
    const lhs = pick(id.lhs);
    const rhs = pick(id.rhs);
    if (lhs.some((r) => !r) || rhs.some((r) => !r)) continue;
    for (const col of g.columns.filter((c) => c.kind === "quantity")) {
      const l = lhs.map((r) => numOf(r!, col.col));
      const rr = rhs.map((r) => numOf(r!, col.col));
      if (l.some((n) => !n) || rr.some((n) => !n)) continue;
      const ls = l.reduce((s, n) => s + n!.value, 0);
      const rs = rr.reduce((s, n) => s + n!.value, 0);
      const slack = col.rounded ? sumSlack(col, { value: 0, decimals: 0 }, [...l, ...rr] as Num[]) : 0;
      if (Math.abs(ls - rs) <= slack + 1e-9) continue;
      const stated = rhs[rhs.length - 1]!;
      const cell = stated.cells.get(col.col)!;
      const lhsExpression = l.map((n) => show(n!.value)).join("+");
      const rhsExpression = rr.map((n) => show(n!.value)).join("+");
      out.push({
        kind: "sum",
        messageId: "table-identity-mismatch",
        cell,
        data: { identity: id.name.zh, identityEn: id.name.en, column: col.path.join("/") || colName(col), lhsExpression, lhs: show(ls), rhsExpression, rhs: show(rs) },
        evidence: { kind: "sum", table: "identity", identity: id.id, source: id.source, column: col.path.join("/"), expression: `${lhsExpression} = ${rhsExpression}`, expected: ls, stated: rs, tolerance: Number(show(slack)), rows: [...lhs, ...rhs].map((r) => label(r!)) },
        operands: [...lhs.map((r) => ({ cell: r!.cells.get(col.col)!, label: label(r!) })), ...rhs.map((r) => ({ cell: r!.cells.get(col.col)!, label: label(r!) }))],
      });
    }
  }
  return out;
}

/** A `columns` identity: in each header group holding the total column and every part column. */
function columnIdentity(g: Grid, id: Extract<TableIdentity, { kind: "columns" }>): TableFinding[] {
  const out: TableFinding[] = [];
  const quantity = g.columns.filter((c) => c.kind === "quantity");
  for (const t of quantity) {
    if (t.path[t.path.length - 1] !== id.total) continue;
    const parent = t.path.slice(0, -1);
    const group = quantity.filter((c) => c !== t && parent.every((p, k) => c.path[k] === p));
    const parts = id.parts.map((name) => group.find((c) => c.path[c.path.length - 1] === name));
    if (parts.some((c) => !c)) continue;
    for (const row of g.body) {
      const f = columnSumFinding(row, t, parts as Column[], { table: "identity", identity: id.id, source: id.source });
      if (f) out.push(f);
    }
  }
  return out;
}

/** One row's total column against its part columns (a 合计 column or a mandated identity); null when it adds up. */
function columnSumFinding(row: Row, t: Column, parts: readonly Column[], origin: Record<string, unknown>): TableFinding | null {
  const total = numOf(row, t.col);
  const nums = parts.map((c) => numOf(row, c.col));
  if (!total || nums.some((n) => !n)) return null;
  const sum = nums.reduce((s, n) => s + n!.value, 0);
  const slack = sumSlack(t, total, nums as Num[]);
  if (Math.abs(sum - total.value) <= slack + 1e-9) return null;
  const cell = row.cells.get(t.col)!;
  const expression = nums.map((n) => show(n!.value)).join("+");
  return {
    kind: "sum",
    messageId: "table-sum-mismatch",
    cell,
    data: { label: `${rowName(row)}／${t.path.join("/")}`, stated: cell.text, sum: show(sum), expression, diff: show(Math.abs(sum - total.value)) },
    evidence: {
      kind: "sum",
      ...origin,
      row: rowName(row),
      column: t.path.join("/"),
      expression,
      expected: Number(show(sum)),
      stated: total.value,
      tolerance: Number(show(slack)),
      parts: parts.map((c, k) => ({ label: c.path.join("/"), value: nums[k]!.value })),
      complete: true,
    },
    operands: [{ cell, label: "total" }, ...parts.map((c) => ({ cell: row.cells.get(c.col)!, label: c.path.join("/") }))],
  };
}

const perDocument = new WeakMap<SegmentedDocument, WeakMap<object, TableFinding[][]>>();

/**
 * The findings of the table holding this row whose stated cell lies in the row, as the arithmetic check
 * reports them (spans relative to the unit; operands in other rows are related locations).
 * The tables of a document are read once per rule (`key`: the rule's compiled options).
 */
export function tableRowFindings(unit: CheckUnit, doc: SegmentedDocument, key: object, opts: TableCheckOptions, kinds: ReadonlySet<ArithKind>): RawFinding[] {
  const at = unit.block?.table;
  const table = at && doc.normalized.tables?.[at.table];
  if (!at || !table) return [];
  let byKey = perDocument.get(doc);
  if (!byKey) perDocument.set(doc, (byKey = new WeakMap()));
  let all = byKey.get(key);
  if (!all) byKey.set(key, (all = []));
  const found = (all[at.table] ??= checkTable(table, { ...opts, before: doc.text.slice(Math.max(0, table.start - 120), table.start) }));
  const out: RawFinding[] = [];
  for (const f of found) {
    if (!kinds.has(f.kind) || f.cell.start < unit.start || f.cell.end > unit.end) continue;
    out.push({
      span: [f.cell.start - unit.start, f.cell.end - unit.start],
      messageId: f.messageId,
      data: f.data,
      evidence: { ...f.evidence, operands: f.operands.map((o) => ({ role: o.label, text: o.cell.text })) },
      related: f.operands.map((o) => ({ span: [o.cell.start - unit.start, o.cell.end - unit.start] as const, label: o.label })),
    });
  }
  return out;
}
