/**
 * A .docx with what real Word files hold besides plain runs: a hyperlink, a tab and a line break, a
 * footnote, a comment already made by someone, tracked changes already made by someone, a bookmark, a
 * page break and a table; built with the `docx` package.
 */
import {
  Bookmark,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  InsertedTextRun,
  Packer,
  PageBreak,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from "docx";

export async function complexDocx(): Promise<Buffer> {
  const date = "2026-01-05T10:00:00Z";
  const doc = new Document({
    comments: { children: [{ id: 0, author: "李四", date: new Date(date), children: [new Paragraph({ children: [new TextRun("请核实数字")] })] }] },
    footnotes: { 1: { children: [new Paragraph("依据《法治政府建设实施纲要（2021—2025年）》，其它要求另行通知。")] } },
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: "某某区司法局关于2021年度法治政府建设情况的报告", bold: true })] }),
          new Paragraph({
            children: [
              new TextRun("我局依据"),
              new ExternalHyperlink({ link: "https://flk.npc.gov.cn/", children: [new TextRun({ text: "《中华人民共和国行政许可法》", style: "Hyperlink" })] }),
              new TextRun({ text: "开展清理工作，共清理文件12件，其它文件", italics: true }),
              new TextRun({ children: [new Tab(), "另行处理。"] }),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun("全年办理行政复议案件35件"),
              new FootnoteReferenceRun(1),
              new TextRun({ text: "，纠错率为8.6%，", color: "C00000" }),
              new TextRun({ text: "其它案件均已审结。", break: 1 }),
            ],
          }),
          new Paragraph({
            children: [
              new CommentRangeStart(0),
              new TextRun("行政应诉案件出庭率达到100%，"),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
              new TextRun("败诉率下降。"),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun("法治宣传"),
              new InsertedTextRun({ text: "进一步", id: 1, author: "张三", date }),
              new DeletedTextRun({ text: "逐步", id: 2, author: "张三", date }),
              new TextRun("深入，其它工作稳步推进。"),
            ],
          }),
          new Paragraph({ children: [new Bookmark({ id: "plan", children: [new TextRun("下一步，我局将继续加强法治政府建设，其它事项按计划推进。")] })] }),
          new Paragraph({ children: [new PageBreak()] }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ children: [new Paragraph("项目")] }), new TableCell({ children: [new Paragraph("数量，其它说明")] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph("复议案件")] }), new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: "35件", bold: true })] })] })] }),
            ],
          }),
          new Paragraph("某某区司法局"),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
