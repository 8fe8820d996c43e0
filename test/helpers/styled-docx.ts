/**
 * A drafter's .docx built with the `docx` package from seed text, with the formatting real files
 * have: every paragraph in three runs (bold, italic + colour, plain), a table of the last lines
 * and, optionally, Word's automatic numbering for `一、` headings.
 */
import { Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";

export async function styledDocx(text: string, opts: { autoNumbered?: boolean; tableRows?: number } = {}): Promise<Buffer> {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const tableLines = lines.splice(lines.length - (opts.tableRows ?? 0));
  const children: (Paragraph | Table)[] = lines.map((line) => {
    const heading = /^[一二三四五六七八九十]+、/.exec(line);
    if (heading && opts.autoNumbered) {
      return new Paragraph({ numbering: { reference: "cn", level: 0 }, children: [new TextRun({ text: line.slice(heading[0].length), bold: true })] });
    }
    const a = Math.floor(line.length / 3);
    const b = Math.floor((2 * line.length) / 3);
    return new Paragraph({
      indent: { firstLine: 480 },
      children: [new TextRun({ text: line.slice(0, a), bold: true }), new TextRun({ text: line.slice(a, b), italics: true, color: "C00000" }), new TextRun(line.slice(b))],
    });
  });
  if (tableLines.length) {
    children.push(new Table({ rows: tableLines.map((l) => new TableRow({ children: [new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: l, underline: {} })] })] })] })) }));
  }
  const doc = new Document({
    numbering: { config: [{ reference: "cn", levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: "%1、", start: 1 }] }] },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
