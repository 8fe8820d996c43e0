/**
 * @fileoverview .pdf files, read with unpdf (PDF.js built for servers; the CJK CMaps come from the
 * pdfjs-dist package so PDFs with non-embedded Chinese fonts such as STSong-Light decode too).
 *
 * Reading order: text items are grouped into lines (same baseline), lines into paragraphs from the
 * layout: a line that fills the text width and is followed by a line starting at the left margin
 * continues the same paragraph (Chinese wraps anywhere, so nothing is inserted; two Latin letters get
 * a space). A paragraph that runs over a page break is joined the same way. Page numbers (`- 3 -`,
 * `第 3 页`, `3/12`, a bare number in the top or bottom margin) are taken out of the flow and written
 * on their own line at the next paragraph boundary, where normalize marks them as `page-number`
 * noise. Paragraphs are separated by a blank line, like the plain-text seeds.
 */
import { getDocumentProxy, getMeta } from "unpdf";
import type { DocumentMeta } from "../model/document.js";
import { IngestError } from "./errors.js";
import type { FormatReader } from "./index.js";
import { isPdf } from "./sniff.js";
export { isPdf };

interface Line {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

interface PageLines {
  lines: Line[];
  pageNumbers: string[];
  height: number;
}

const PAGE_NUMBER = /^(?:[-—–－_\s]*\d{1,4}[-—–－_\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$/;

/** True for a line that is only a page number. */
export function isPageNumberLine(text: string): boolean {
  return PAGE_NUMBER.test(text.trim());
}

export const pdfReader: FormatReader = {
  name: "pdf",
  extensions: [".pdf"],
  sniff: isPdf,
  async read(buf) {
    // PDF.js may transfer (detach) the buffer it is given: hand it a copy.
    const data = new Uint8Array(buf);
    let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
    try {
      pdf = await getDocumentProxy(data, { verbosity: 0 } as never);
    } catch (e) {
      throw pdfError(e);
    }
    try {
      const pages: PageLines[] = [];
      for (let n = 1; n <= pdf.numPages; n++) {
        const page = await pdf.getPage(n);
        const viewport = page.getViewport({ scale: 1 });
        const content = await page.getTextContent();
        pages.push(linesOfPage(content.items as RawItem[], viewport.height));
        page.cleanup();
      }
      const original = foldRadicals(layoutText(pages));
      if (original.trim().length === 0) {
        throw new IngestError("E_NO_TEXT", "PDF 中没有可提取的文字（可能是扫描件，需要先做文字识别 OCR）", "the PDF has no extractable text (probably a scan: run OCR first)");
      }
      const meta: DocumentMeta = { sourceForm: "pdf extraction" };
      try {
        const { info } = await getMeta(pdf);
        const title = typeof info?.Title === "string" ? info.Title.trim() : "";
        // Printers and converters leave junk titles (about:blank, a URL, "Microsoft Word - x.doc"): the text's own title wins then.
        if (title && !/^(untitled|无标题|microsoft word|about:|https?:|file:)/i.test(title) && !/\.(docx?|wps|pdf|html?)$/i.test(title)) meta.title = title;
        // CreationDate is when the file was made (often a later print of a web page), not when the
        // report was published: it is not used as publishedDate.
      } catch {
        // Metadata is optional.
      }
      return { original, encoding: "pdf", meta };
    } catch (e) {
      if (e instanceof IngestError) throw e;
      throw pdfError(e);
    } finally {
      await pdf.destroy().catch(() => undefined);
    }
  },
};

function pdfError(e: unknown): IngestError {
  const name = (e as Error)?.name ?? "";
  const why = (e as Error)?.message ?? String(e);
  if (name === "PasswordException" || /password/i.test(why)) {
    return new IngestError("E_ENCRYPTED", "PDF 文件已加密（需要密码），无法读取", "the PDF is encrypted (password protected) and cannot be read");
  }
  return new IngestError("E_CORRUPT", `无法读取 PDF 文件（文件已损坏或不完整）：${why}`, `cannot read the PDF (corrupt or truncated): ${why}`);
}

interface RawItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
  hasEOL?: boolean;
}

/** Groups text items into lines (same baseline, left to right) and takes page numbers out. */
export function linesOfPage(items: RawItem[], pageHeight: number): PageLines {
  const lines: Line[] = [];
  let cur: Line | null = null;
  for (const it of items) {
    if (typeof it.str !== "string" || !it.transform) continue;
    const x = it.transform[4]!;
    const y = it.transform[5]!;
    const size = Math.abs(it.transform[3]!) || it.height || 10;
    const w = it.width ?? 0;
    if (it.str.length > 0) {
      const sameLine = cur !== null && Math.abs(cur.y - y) < size * 0.5 && x >= cur.x - size;
      if (!sameLine) {
        if (cur) lines.push(cur);
        cur = { text: "", x, right: x, y, size };
      }
      const line: Line = cur!;
      // A visible gap between items on one line is a space in the source.
      if (line.text && x - line.right > size * 0.6 && !/\s$/.test(line.text)) line.text += " ";
      line.text += it.str;
      line.right = Math.max(line.right, x + w);
      line.size = Math.max(line.size, size);
    }
    if (it.hasEOL && cur) {
      lines.push(cur);
      cur = null;
    }
  }
  if (cur) lines.push(cur);
  const kept: Line[] = [];
  const pageNumbers: string[] = [];
  const margin = pageHeight * 0.1;
  for (const l of lines) {
    l.text = l.text.replace(/\s+$/u, "");
    if (!l.text.trim()) continue;
    const inMargin = l.y < margin || l.y > pageHeight - margin;
    if (inMargin && isPageNumberLine(l.text)) pageNumbers.push(l.text.trim());
    else kept.push(l);
  }
  return { lines: kept, pageNumbers, height: pageHeight };
}

/** Joins lines into paragraphs across the whole document and places page numbers at paragraph ends. */
export function layoutText(pages: PageLines[]): string {
  const all = pages.flatMap((p) => p.lines);
  if (all.length === 0) return pages.flatMap((p) => p.pageNumbers).join("\n\n");
  const left = mode(all.map((l) => Math.round(l.x)));
  const right = percentile(all.map((l) => l.right), 0.9);
  const paragraphs: string[] = [];
  let para = "";
  let pendingNumbers: string[] = [];
  let prev: Line | null = null;
  const flush = () => {
    if (para) paragraphs.push(para);
    para = "";
    paragraphs.push(...pendingNumbers);
    pendingNumbers = [];
  };
  for (let p = 0; p < pages.length; p++) {
    const page = pages[p]!;
    for (let i = 0; i < page.lines.length; i++) {
      const line = page.lines[i]!;
      const firstOnPage = i === 0;
      const filled = prev !== null && prev.right >= right - prev.size * 1.5;
      const atLeft = Math.abs(line.x - left) < line.size * 0.5;
      const gapOk = prev === null || firstOnPage || (prev.y - line.y > 0 && prev.y - line.y < Math.max(prev.size, line.size) * 2.2);
      const sameSize = prev !== null && Math.abs(prev.size - line.size) < 0.5;
      if (prev && para && filled && atLeft && gapOk && sameSize) {
        const joinSpace = /[A-Za-z0-9]$/.test(para) && /^[A-Za-z0-9]/.test(line.text.trimStart()) ? " " : "";
        para += joinSpace + line.text.trimStart();
      } else {
        flush();
        para = line.text.trim();
      }
      prev = line;
    }
    pendingNumbers.push(...page.pageNumbers);
  }
  flush();
  return paragraphs.join("\n\n") + "\n";
}

/**
 * CJK fonts often map ideographs and radicals to one glyph, and PDF producers then write the radical
 * code point into the ToUnicode map: 工 comes out as ⼯ (U+2F2F KANGXI RADICAL WORK), 民 as ⺠. No
 * Chinese report means those code points, so they are folded to the ideograph (Kangxi radicals by
 * NFKC, simplified-form supplement radicals by table). Font ligatures for the Chinese dash come out
 * as ⸺ (U+2E3A TWO-EM DASH): written back as ——. This runs before the text becomes the original, so
 * offsets refer to the repaired text.
 */
const SUPPLEMENT: Record<string, string> = {
  "\u2e9f": "母", "\u2ea0": "民", "\u2ec4": "西", "\u2ec5": "见", "\u2ec6": "角", "\u2ec9": "贝", "\u2ecb": "车",
  "\u2ed3": "长", "\u2ed4": "门", "\u2ed7": "雨", "\u2ed8": "青", "\u2ed9": "韦", "\u2eda": "页", "\u2edb": "风",
  "\u2edc": "飞", "\u2edd": "食", "\u2ee2": "马", "\u2ee3": "骨", "\u2ee4": "鬼", "\u2ee5": "鱼", "\u2ee6": "鸟",
  "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eec": "齐", "\u2eee": "齿", "\u2ef0": "龙", "\u2ef3": "龟",
  // NFKC gives the traditional form for these; simplified reports mean the simplified one.
  "\u2f3e": "户",
};

export function foldRadicals(text: string): string {
  return text.replace(/\u2e3a/g, "\u2014\u2014").replace(/\u2e3b/g, "\u2014\u2014\u2014").replace(/[\u2e80-\u2fdf]/g, (c) => {
    const mapped = SUPPLEMENT[c] ?? (c >= "\u2f00" ? c.normalize("NFKC") : c);
    return mapped.length === 1 ? mapped : c;
  });
}

function mode(xs: number[]): number {
  const counts = new Map<number, number>();
  let best = xs[0]!;
  let bestN = 0;
  for (const x of xs) {
    const n = (counts.get(x) ?? 0) + 1;
    counts.set(x, n);
    if (n > bestN || (n === bestN && x < best)) {
      best = x;
      bestN = n;
    }
  }
  return best;
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}
