/**
 * @fileoverview The output directory is checked before any document is read: a read-only or
 * misnamed `--out` would otherwise be found only after the whole batch was checked, and lose it.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";

/**
 * Creates `dir` (with parents) and writes and deletes a probe file in it. Throws an Error with a
 * bilingual message naming the directory and the system's reason (EROFS, EACCES, ENOTDIR …).
 * A probe rather than access(W_OK): root passes access() on a read-only mount's directory.
 */
export async function assertWritableDir(dir: string): Promise<void> {
  const abs = resolve(dir);
  const probe = join(abs, `.report-qc-probe-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    await mkdir(abs, { recursive: true });
    await writeFile(probe, "");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    const why = (e as Error).message;
    throw new Error(`输出目录不可写 / output directory is not writable: ${dir}${code ? ` (${code})` : ""}: ${why}; 请用 --out 指定可写的目录 / choose a writable directory with --out`);
  }
  await rm(probe, { force: true });
}
