/**
 * @fileoverview Reading files we did not make (inputs, index.tsv, rule files, word lists) without trusting
 * them: only regular files are read (symbolic links are followed to what they name), and never more than
 * a byte limit, whatever `stat` says. A character device (`/dev/zero`) reports size 0 and never ends; a
 * FIFO blocks `open()` until a writer comes, so it is recognised by `stat` before opening, and opened with
 * O_NONBLOCK and checked again with `fstat` in case it was swapped in between.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { open, stat } from "node:fs/promises";

/** What a path is, for messages: `regular file`, `directory`, `FIFO (named pipe)`, `character device`… */
export interface FileKind {
  zh: string;
  en: string;
}

export function fileKindOf(s: Stats): FileKind {
  if (s.isFile()) return { zh: "普通文件", en: "regular file" };
  if (s.isDirectory()) return { zh: "目录", en: "directory" };
  if (s.isFIFO()) return { zh: "命名管道 FIFO", en: "FIFO, a named pipe" };
  if (s.isCharacterDevice()) return { zh: "字符设备", en: "character device" };
  if (s.isBlockDevice()) return { zh: "块设备", en: "block device" };
  if (s.isSocket()) return { zh: "套接字", en: "socket" };
  return { zh: "特殊文件", en: "special file" };
}

/** The path exists but is not a regular file (after following symbolic links). */
export class NotRegularFileError extends Error {
  readonly code = "E_NOT_REGULAR";
  constructor(
    readonly path: string,
    readonly kind: FileKind,
  ) {
    super(`not a regular file (${kind.en}): ${path}`);
    this.name = "NotRegularFileError";
  }
}

/** The file has more than the limit's bytes (counted while reading, not from `stat`). */
export class FileTooLargeError extends Error {
  readonly code = "E_TOO_LARGE";
  constructor(
    readonly path: string,
    readonly limit: number,
    /** The size `stat` reported, when it is over the limit (0 or less for devices and /proc files). */
    readonly statSize: number,
  ) {
    super(`file larger than ${limit} bytes: ${path}`);
    this.name = "FileTooLargeError";
  }
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const CHUNK = 64 * 1024;

/**
 * Reads a regular file, at most `maxBytes` bytes.
 * @throws NotRegularFileError, FileTooLargeError, or the system error (ENOENT, EACCES…)
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  const before = await stat(path);
  if (!before.isFile()) throw new NotRegularFileError(path, fileKindOf(before));
  if (before.size > maxBytes) throw new FileTooLargeError(path, maxBytes, before.size);
  const fh = await open(path, OPEN_FLAGS);
  try {
    const info = await fh.stat();
    if (!info.isFile()) throw new NotRegularFileError(path, fileKindOf(info));
    const chunks: Buffer[] = [];
    let total = 0;
    // Read one byte past the limit: a file that grows, or lies about its size (/proc), still stops here.
    for (;;) {
      const want = Math.min(CHUNK, maxBytes + 1 - total);
      if (want <= 0) break;
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await fh.read(buf, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > maxBytes) throw new FileTooLargeError(path, maxBytes, info.size);
    return Buffer.concat(chunks, total);
  } finally {
    await fh.close();
  }
}

/** Synchronous `readRegularFile` (rule files and their data files are loaded synchronously). */
export function readRegularFileSync(path: string, maxBytes: number): Buffer {
  const before = statSync(path);
  if (!before.isFile()) throw new NotRegularFileError(path, fileKindOf(before));
  if (before.size > maxBytes) throw new FileTooLargeError(path, maxBytes, before.size);
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new NotRegularFileError(path, fileKindOf(info));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(CHUNK, maxBytes + 1 - total);
      if (want <= 0) break;
      const buf = Buffer.allocUnsafe(want);
      const n = readSync(fd, buf, 0, want, null);
      if (n === 0) break;
      chunks.push(n === want ? buf : buf.subarray(0, n));
      total += n;
    }
    if (total > maxBytes) throw new FileTooLargeError(path, maxBytes, info.size);
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Rule files, word lists, knowledge-base files and index.tsv: far larger than any real one (the biggest is ~11 kB). */
export const MAX_DATA_FILE_BYTES = 16 * 1024 * 1024;

/** A rule or data file as UTF-8 text (bounded, regular files only). */
export function readDataFileSync(path: string, maxBytes = MAX_DATA_FILE_BYTES): string {
  return readRegularFileSync(path, maxBytes).toString("utf8");
}

/** One-line reason for a failed `readRegularFile*`, without any of the file's content. */
export function readFailure(e: unknown): { zh: string; en: string } {
  if (e instanceof NotRegularFileError) return { zh: `不是普通文件（${e.kind.zh}）`, en: `not a regular file (${e.kind.en})` };
  if (e instanceof FileTooLargeError) {
    const mb = (e.limit / 1024 / 1024).toFixed(1);
    return { zh: `文件超过 ${mb} MB`, en: `file larger than ${mb} MB` };
  }
  const err = e as NodeJS.ErrnoException;
  const code = err?.code ?? err?.message ?? String(e);
  return { zh: code, en: code };
}
