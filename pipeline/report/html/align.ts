/**
 * @fileoverview Character alignment of two passages (a copied passage and its source) for the
 * side-by-side view: runs of shared text and of text found on one side only, in order.
 * Longest common subsequence over characters, after trimming the common prefix and suffix; above
 * a size limit the middle is shown unaligned.
 */
export interface AlignedRun {
  kind: "same" | "changed";
  left: string;
  right: string;
}

const MAX_CELLS = 4_000_000;

export function alignTexts(a: string, b: string): AlignedRun[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const runs: AlignedRun[] = [];
  const push = (kind: AlignedRun["kind"], left: string, right: string) => {
    if (!left && !right) return;
    const last = runs[runs.length - 1];
    if (last && last.kind === kind) {
      last.left += left;
      last.right += right;
    } else runs.push({ kind, left, right });
  };
  push("same", a.slice(0, pre), b.slice(0, pre));
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  if (am.length * bm.length > MAX_CELLS) push("changed", am, bm);
  else for (const r of lcsRuns(am, bm)) push(r.kind, r.left, r.right);
  push("same", a.slice(a.length - suf), b.slice(b.length - suf));
  // Single shared characters between changes (a stray 的 or ，) read better as part of the change.
  const merged: AlignedRun[] = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (r.kind === "same" && r.left.length < 2 && last?.kind === "changed") {
      last.left += r.left;
      last.right += r.right;
    } else if (r.kind === "changed" && last?.kind === "changed") {
      last.left += r.left;
      last.right += r.right;
    } else merged.push({ ...r });
  }
  return merged;
}

function lcsRuns(a: string, b: string): AlignedRun[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [{ kind: "changed", left: a, right: b }];
  const w = m + 1;
  const dp = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = a[i] === b[j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  const runs: AlignedRun[] = [];
  const push = (kind: AlignedRun["kind"], left: string, right: string) => {
    const last = runs[runs.length - 1];
    if (last && last.kind === kind) {
      last.left += left;
      last.right += right;
    } else runs.push({ kind, left, right });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push("same", a[i]!, b[j]!);
      i++;
      j++;
    } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) push("changed", a[i++]!, "");
    else push("changed", "", b[j++]!);
  }
  if (i < n) push("changed", a.slice(i), "");
  if (j < m) push("changed", "", b.slice(j));
  return runs;
}
