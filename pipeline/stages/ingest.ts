/**
 * @fileoverview The ingest stage: one input file → RawDocument (decoded original text + metadata).
 */
import type { DocumentMeta, RawDocument } from "../model/document.js";
import { IngestError, pickReader } from "../formats/index.js";
import { FileTooLargeError, NotRegularFileError, readRegularFile } from "../files.js";

/** Files larger than this are refused before they are read (`--max-size`, MB on the CLI). */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Reads and decodes one file.
 * @param meta metadata known from outside the file (corpus index.tsv); the container's own metadata fills gaps.
 * @throws IngestError for unreadable, binary, undecodable or unsupported files.
 */
export async function ingest(path: string, meta: DocumentMeta = {}, maxBytes = DEFAULT_MAX_BYTES): Promise<RawDocument> {
  let buf: Uint8Array;
  try {
    // A clear size limit instead of unbounded memory: a report is well under 1 MB of text. The limit is
    // counted while reading (a device or /proc file reports size 0), and only regular files are read.
    buf = await readRegularFile(path, maxBytes);
  } catch (e) {
    if (e instanceof FileTooLargeError) {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      const size = e.statSize > maxBytes ? `${mb(e.statSize)} MB，` : "";
      const sizeEn = e.statSize > maxBytes ? `${mb(e.statSize)} MB, ` : "";
      throw new IngestError("E_TOO_LARGE", `文件过大（${size}上限 ${mb(maxBytes)} MB，可用 --max-size 调整）`, `file too large (${sizeEn}limit ${mb(maxBytes)} MB; see --max-size)`);
    }
    if (e instanceof NotRegularFileError) throw new IngestError("E_NOT_REGULAR", `不是普通文件（${e.kind.zh}），不读取`, `not a regular file (${e.kind.en}); not read`);
    const err = e as NodeJS.ErrnoException;
    throw new IngestError("E_READ", `无法读取文件：${err.code ?? err.message}`, `cannot read file: ${err.code ?? err.message}`);
  }
  return ingestBuffer(buf, path, meta);
}

export async function ingestBuffer(buf: Uint8Array, path: string, meta: DocumentMeta = {}): Promise<RawDocument> {
  const reader = pickReader(buf, path);
  const read = await reader.read(buf, path);
  if (read.original.trim().length === 0) throw new IngestError("E_EMPTY", "文件没有文字内容", "file has no text");
  const raw: RawDocument = { path, format: read.format ?? reader.name, encoding: read.encoding, original: read.original, meta: { ...read.meta, ...meta } };
  if (read.markup) raw.markup = read.markup;
  if (read.tables?.length) raw.tables = read.tables;
  return raw;
}
