/**
 * @fileoverview `check -`: the document comes on standard input. It is written to a private temporary
 * folder under the name given by `--stdin-filename` (its extension picks the reader: .docx, .md, .html…;
 * default `stdin.txt`), checked like any file, and every path in the result is then replaced by that name.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { ReportModel } from "../model/finding.js";

export const STDIN_ARG = "-";

export interface StdinInput {
  /** Temporary file holding the bytes read. */
  path: string;
  /** Name shown in results: --stdin-filename, else `<stdin>`. */
  displayName: string;
  cleanup(): Promise<void>;
}

/** @param maxBytes refuse (throw) past this size, like --max-size for files */
export async function readStdinInput(stream: NodeJS.ReadableStream, stdinFilename: string | undefined, maxBytes: number): Promise<StdinInput> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > maxBytes) throw new Error(`标准输入超过 --max-size 上限 / standard input is larger than --max-size (${maxBytes} bytes)`);
    chunks.push(b);
  }
  const dir = await mkdtemp(join(tmpdir(), "report-qc-stdin-"));
  const path = join(dir, basename(stdinFilename || "stdin.txt"));
  await writeFile(path, Buffer.concat(chunks));
  return { path, displayName: stdinFilename || "<stdin>", cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Replaces the temporary path by the display name in documents, findings' related locations and errors. */
export function renamePath(model: ReportModel, from: string, to: string): void {
  for (const d of model.documents) {
    if (d.path === from) d.path = to;
    for (const f of d.findings) for (const r of f.related ?? []) if (r.path === from) r.path = to;
  }
  for (const e of model.errors) {
    if (e.path === from) e.path = to;
    e.message = e.message.split(from).join(to);
  }
}
