/**
 * @fileoverview The ingest stage: one input file → RawDocument (decoded original text + metadata).
 */
import { readFile } from "node:fs/promises";
import type { DocumentMeta, RawDocument } from "../model/document.js";
import { IngestError, pickReader } from "../formats/index.js";

/**
 * Reads and decodes one file.
 * @param meta metadata known from outside the file (corpus index.tsv); the container's own metadata fills gaps.
 * @throws IngestError for unreadable, binary, undecodable or unsupported files.
 */
export async function ingest(path: string, meta: DocumentMeta = {}): Promise<RawDocument> {
  let buf: Uint8Array;
  try {
    buf = await readFile(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new IngestError("E_READ", `无法读取文件：${err.code ?? err.message}`, `cannot read file: ${err.code ?? err.message}`);
  }
  return ingestBuffer(buf, path, meta);
}

export async function ingestBuffer(buf: Uint8Array, path: string, meta: DocumentMeta = {}): Promise<RawDocument> {
  const reader = pickReader(buf, path);
  const read = await reader.read(buf, path);
  if (read.original.trim().length === 0) throw new IngestError("E_EMPTY", "文件没有文字内容", "file has no text");
  return { path, format: reader.name, encoding: read.encoding, original: read.original, meta: { ...read.meta, ...meta } };
}
