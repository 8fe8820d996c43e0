/**
 * @fileoverview Input formats, pluggable: each reader says which extensions it takes, may sniff
 * content, and turns bytes into the original text plus any metadata the container carries.
 * .docx/.pdf/.html readers register here the same way as .txt.
 */
import type { DocumentMeta } from "../model/document.js";
import { decodeText } from "./decode.js";
import { IngestError } from "./errors.js";

export interface FormatReader {
  name: string;
  extensions: readonly string[];
  /** True when the bytes are this format regardless of extension (magic numbers). */
  sniff?(buf: Uint8Array): boolean;
  read(buf: Uint8Array, path: string): Promise<{ original: string; encoding: string; meta: DocumentMeta }>;
}

const txt: FormatReader = {
  name: "txt",
  extensions: [".txt", ".text", ".md"],
  async read(buf) {
    const { text, encoding } = decodeText(buf);
    return { original: text, encoding, meta: {} };
  },
};

/** Magic numbers of formats we recognise but cannot read yet, for a clear message. */
const KNOWN_UNSUPPORTED: { magic: number[]; name: string }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46], name: "PDF" },
  { magic: [0x50, 0x4b, 0x03, 0x04], name: "ZIP/DOCX" },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], name: "DOC (OLE)" },
];

export const formatReaders: FormatReader[] = [txt];

/** Extensions a directory scan picks up. */
export function supportedExtensions(): string[] {
  return formatReaders.flatMap((r) => r.extensions);
}

/** Chooses a reader by content first, then by extension. */
export function pickReader(buf: Uint8Array, path: string): FormatReader {
  const sniffed = formatReaders.find((r) => r.sniff?.(buf));
  if (sniffed) return sniffed;
  const lower = path.toLowerCase();
  const unsupported = KNOWN_UNSUPPORTED.find((u) => u.magic.every((b, i) => buf[i] === b));
  if (unsupported) {
    throw new IngestError("E_FORMAT", `暂不支持的文件格式：${unsupported.name}`, `unsupported file format: ${unsupported.name}`);
  }
  const byExt = formatReaders.find((r) => r.extensions.some((e) => lower.endsWith(e)));
  // Unknown extension but no binary signature: try it as text (decode fails loudly if it is not).
  return byExt ?? txt;
}

export { IngestError };
