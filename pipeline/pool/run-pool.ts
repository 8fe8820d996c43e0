/**
 * @fileoverview The per-document part of a batch on a worker pool (`--jobs N`, N > 1). Same contract
 * as the in-process loop of run.ts: results in input order, a broken file becomes its `errors`
 * entries and the batch goes on, at most 2×N documents queued (flat memory on big archives).
 */
import type { InputError } from "../model/finding.js";
import type { IndexTsvCache } from "../inputs.js";
import type { ProcessedDocument, RunOptions } from "../run.js";
import { DocumentPool } from "./pool.js";
import type { WorkerConfig } from "./worker.js";

export async function runInPool(
  files: string[],
  metaCache: IndexTsvCache,
  options: RunOptions,
  threads: number,
): Promise<{ slots: (ProcessedDocument | undefined)[]; fileErrors: InputError[][] }> {
  const config: WorkerConfig = {
    lang: options.lang,
    segmenter: options.segmenter,
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.allowRulePaths?.length ? { allowRulePaths: options.allowRulePaths } : {}),
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
  };
  const slots: (ProcessedDocument | undefined)[] = new Array(files.length);
  const fileErrors: InputError[][] = files.map(() => []);
  const pool = new DocumentPool(threads);
  const limit = threads * 2;
  const inFlight = new Set<Promise<void>>();
  let done = 0;
  try {
    for (let i = 0; i < files.length; i++) {
      while (inFlight.size >= limit) await Promise.race(inFlight);
      const path = files[i]!;
      const meta = await metaCache.metaFor(path);
      const p: Promise<void> = pool
        .run({ path, meta, config })
        .then(
          (r) => {
            if (r.ok) {
              slots[i] = r.processed;
              fileErrors[i]!.push(...r.errors);
            } else fileErrors[i]!.push(r.error);
          },
          (e: unknown) => {
            // The worker itself failed (crash, out of memory): the document is an error, never dropped.
            fileErrors[i]!.push({ path, code: "E_INTERNAL", message: (e as Error)?.message ?? String(e) });
          },
        )
        .finally(() => {
          inFlight.delete(p);
          options.onProgress?.(++done, files.length, path);
        });
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  return { slots, fileErrors };
}
