/**
 * @fileoverview Input formats, pluggable: each reader says which extensions it takes, may sniff
 * content, and turns bytes into the original text plus any metadata the container carries.
 * .docx/.pdf/.html/.md readers register here the same way as .txt.
 */
import type { DocumentMeta, MarkupSpan, Table } from "../model/document.js";
import { decodeText } from "./decode.js";
import { IngestError } from "./errors.js";
import { isDocx, isHtml, isPdf, isZip, looksLikeMarkdown } from "./sniff.js";

export interface FormatReader {
  name: string;
  extensions: readonly string[];
  /** True when the bytes are this format regardless of extension (magic numbers). */
  sniff?(buf: Uint8Array): boolean;
  read(buf: Uint8Array, path: string): Promise<ReadResult>;
}

export interface ReadResult {
  original: string;
  encoding: string;
  meta: DocumentMeta;
  /** Markup to keep out of the checked text (original offsets, sorted, disjoint): see RawDocument.markup. */
  markup?: MarkupSpan[];
  /** Tables kept as tables (original offsets): see RawDocument.tables. */
  tables?: Table[];
  /** The format actually read when it differs from the reader's name (a .txt file that is Markdown). */
  format?: string;
}

// micromark is loaded on the first Markdown file: a run over plain text never loads it.
let markdownModule: Promise<typeof import("./markdown.js")> | null = null;

async function readMarkdownText(original: string, encoding: string): Promise<ReadResult> {
  markdownModule ??= import("./markdown.js");
  const { markup, meta, tables } = (await markdownModule).parseMarkdown(original);
  return { original, encoding, meta, markup, format: "markdown", ...(tables.length ? { tables } : {}) };
}

/** Plain text; a .txt that is recognisably Markdown (sniff.ts {@link looksLikeMarkdown}) is read as Markdown. */
const txt: FormatReader = {
  name: "txt",
  extensions: [".txt", ".text"],
  async read(buf) {
    const { text, encoding } = decodeText(buf);
    if (looksLikeMarkdown(text)) return readMarkdownText(text, encoding);
    return { original: text, encoding, meta: {} };
  },
};

/** Markdown by extension (any content): markup and front matter are not report text (formats/markdown.ts). */
const markdown: FormatReader = {
  name: "markdown",
  extensions: [".md", ".markdown"],
  async read(buf) {
    const { text, encoding } = decodeText(buf);
    return readMarkdownText(text, encoding);
  },
};

/** Magic numbers of formats we recognise but cannot read, for a clear message. */
const KNOWN_UNSUPPORTED: { magic: number[]; zh: string; en: string }[] = [
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0],
    zh: "旧版 Word（.doc）或已加密的 Office 文档，暂不支持；请另存为未加密的 .docx 或 PDF",
    en: "legacy Word (.doc) or encrypted Office document, not supported: save it as an unencrypted .docx or PDF",
  },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], zh: "RTF 文档暂不支持；请另存为 .docx", en: "RTF is not supported: save it as .docx" },
  { magic: [0x89, 0x50, 0x4e, 0x47], zh: "这是图片（PNG），没有文字可读；请先做文字识别 OCR", en: "this is an image (PNG) with no text: run OCR first" },
  { magic: [0xff, 0xd8, 0xff], zh: "这是图片（JPEG），没有文字可读；请先做文字识别 OCR", en: "this is an image (JPEG) with no text: run OCR first" },
  { magic: [0x47, 0x49, 0x46, 0x38], zh: "这是图片（GIF），没有文字可读", en: "this is an image (GIF) with no text" },
];

/**
 * A reader whose module (and its libraries: unpdf, mammoth, linkedom, readability) is imported on the
 * first file of that format: a run over plain text never loads them.
 */
function lazyReader(name: string, extensions: readonly string[], sniff: (buf: Uint8Array) => boolean, load: () => Promise<FormatReader>): FormatReader {
  let reader: Promise<FormatReader> | null = null;
  return {
    name,
    extensions,
    sniff,
    async read(buf, path) {
      reader ??= load();
      return (await reader).read(buf, path);
    },
  };
}

const pdfReader = lazyReader("pdf", [".pdf"], isPdf, async () => (await import("./pdf.js")).pdfReader);
const docxReader = lazyReader("docx", [".docx"], isDocx, async () => (await import("./docx.js")).docxReader);
const htmlReader = lazyReader("html", [".html", ".htm", ".xhtml", ".shtml"], isHtml, async () => (await import("./html.js")).htmlReader);

/** Readers in sniffing order; plain text is the fallback. */
export const formatReaders: FormatReader[] = [pdfReader, docxReader, htmlReader, markdown, txt];

/** Extensions a directory scan picks up. */
export function supportedExtensions(): string[] {
  return formatReaders.flatMap((r) => r.extensions);
}

/**
 * Chooses a reader by content first (magic numbers, HTML start), then by extension. A file whose
 * extension names a binary format its content does not match, or a known unreadable format, is an
 * IngestError with a clear message.
 */
export function pickReader(buf: Uint8Array, path: string): FormatReader {
  const sniffed = formatReaders.find((r) => r.sniff?.(buf));
  if (sniffed) return sniffed;
  const lower = path.toLowerCase();
  const unsupported = KNOWN_UNSUPPORTED.find((u) => u.magic.every((b, i) => buf[i] === b));
  if (unsupported) throw new IngestError("E_FORMAT", unsupported.zh, unsupported.en);
  if (isZip(buf)) {
    throw new IngestError("E_FORMAT", "这是 ZIP 压缩包或非 Word 的 Office 文件（不含 word/document.xml），暂不支持", "a ZIP archive or non-Word Office file (no word/document.xml): not supported");
  }
  const byExt = formatReaders.find((r) => r.extensions.some((e) => lower.endsWith(e)));
  if (byExt === pdfReader) throw new IngestError("E_CORRUPT", "文件扩展名是 .pdf，但内容不是 PDF（文件已损坏或格式不符）", "the file is named .pdf but its content is not a PDF (corrupt or mislabelled)");
  if (byExt === docxReader) throw new IngestError("E_CORRUPT", "文件扩展名是 .docx，但内容不是 Word 文档（文件已损坏或格式不符）", "the file is named .docx but its content is not a Word document (corrupt or mislabelled)");
  // Unknown extension but no binary signature: try it as text (decode fails loudly if it is not).
  return byExt ?? txt;
}

export { IngestError };
