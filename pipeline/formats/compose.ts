/**
 * @fileoverview The original text of a document whose reader builds it line by line (.docx, web
 * pages), with tables kept as tables: each row is one line, its cells separated by a tab; the rows of
 * one table are consecutive lines, every other line is separated by a blank line. The tabs are markup
 * read as one space that normalize never drops (`行政复议\t12` stays two cells, not `行政复议12`), and
 * every cell's original offsets go into `RawDocument.tables` (docs/tables.md).
 */
import type { MarkupSpan, Table, TableCell } from "../model/document.js";
import type { DomElement, DomNode } from "./dom.js";

export interface CellSpec {
  text: string;
  col: number;
  colSpan?: number;
  rowSpan?: number;
  header?: boolean;
}

/** One line of extracted text; a table row carries its cells and the id of its table. */
export interface TextLine {
  text: string;
  cells?: CellSpec[];
  table?: number;
}

export interface Composed {
  original: string;
  tables: Table[];
  markup: MarkupSpan[];
}

/** Joins lines into the original text and records the tables' cells (original offsets). */
export function composeLines(lines: readonly TextLine[], source: Table["source"]): Composed {
  let original = "";
  const tables: Table[] = [];
  const markup: MarkupSpan[] = [];
  let prevTable: number | undefined;
  for (const line of lines) {
    if (original) original += line.table !== undefined && line.table === prevTable ? "\n" : "\n\n";
    const rowStart = original.length;
    if (!line.cells || line.table === undefined) {
      original += line.text;
      prevTable = undefined;
      continue;
    }
    const cells: TableCell[] = [];
    for (const c of line.cells) {
      if (!c.text) continue;
      if (cells.length) {
        markup.push({ start: original.length, end: original.length + 1, replace: " " });
        original += "\t";
      }
      const start = original.length;
      original += c.text;
      const cell: TableCell = { start, end: original.length, text: c.text, col: c.col };
      if (c.colSpan && c.colSpan > 1) cell.colSpan = c.colSpan;
      if (c.rowSpan && c.rowSpan > 1) cell.rowSpan = c.rowSpan;
      if (c.header) cell.header = true;
      cells.push(cell);
    }
    if (line.table !== prevTable) tables.push({ source, start: rowStart, end: rowStart, rows: [] });
    const table = tables[tables.length - 1]!;
    table.rows.push({ start: rowStart, end: original.length, cells });
    table.end = original.length;
    prevTable = line.table;
  }
  return { original: original + "\n", tables, markup };
}

const SECTION_TAGS = new Set(["THEAD", "TBODY", "TFOOT"]);

/** The rows of a `<table>` (not those of a table nested in a cell). */
function rowsOf(table: DomElement): DomElement[] {
  const rows: DomElement[] = [];
  for (const c of Array.from(table.children)) {
    const tag = c.tagName.toUpperCase();
    if (tag === "TR") rows.push(c);
    else if (SECTION_TAGS.has(tag)) for (const r of Array.from(c.children)) if (r.tagName.toUpperCase() === "TR") rows.push(r);
  }
  return rows;
}

function span(el: DomElement, attr: string): number {
  const n = Number.parseInt(el.getAttribute(attr) ?? "1", 10);
  return Number.isFinite(n) && n > 1 ? Math.min(n, 1000) : 1;
}

/**
 * A `<table>` as text lines, one per row that has text, with each cell's grid column (row and column
 * spans counted: a cell merged down from the row above takes its column in the rows below).
 * @param cellText the text of one cell (blocks inside it joined by a space, white space collapsed)
 */
export function tableToLines(table: DomElement, tableId: number, cellText: (cell: DomElement) => string): TextLine[] {
  const out: TextLine[] = [];
  /** Columns still covered by a cell from a row above: column → rows left. */
  const covered = new Map<number, number>();
  for (const tr of rowsOf(table)) {
    const cells: CellSpec[] = [];
    let col = 0;
    const taken = new Set<number>();
    for (const [c, left] of covered) if (left > 0) taken.add(c);
    for (const td of Array.from(tr.children)) {
      const tag = td.tagName.toUpperCase();
      if (tag !== "TD" && tag !== "TH") continue;
      while (taken.has(col)) col++;
      const colSpan = span(td, "colspan");
      const rowSpan = span(td, "rowspan");
      const text = cellText(td);
      const cell: CellSpec = { text, col };
      if (colSpan > 1) cell.colSpan = colSpan;
      if (rowSpan > 1) cell.rowSpan = rowSpan;
      if (tag === "TH") cell.header = true;
      cells.push(cell);
      for (let k = 0; k < colSpan; k++) {
        taken.add(col + k);
        if (rowSpan > 1) covered.set(col + k, rowSpan);
      }
      col += colSpan;
    }
    for (const [c, left] of covered) covered.set(c, left - 1);
    if (cells.some((c) => c.text)) out.push({ text: cells.map((c) => c.text).filter(Boolean).join("\t"), cells, table: tableId });
  }
  return out;
}

/** Text of a DOM subtree with white space collapsed (for a table cell). */
export function collapsedText(node: DomNode): string {
  return (node.textContent ?? "").replace(/[ \t\r\n\f]+/g, " ").trim();
}
