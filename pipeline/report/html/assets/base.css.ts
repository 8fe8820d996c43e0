/** Shared stylesheet of the review pages and the dashboard (inlined into each file). */
export const BASE_CSS = `
:root {
  --err: #c5221f; --err-bg: #fde4e1; --warn: #a05a00; --warn-bg: #fff0c2; --info: #1967d2; --info-bg: #e3eefd;
  --ink: #1f2328; --muted: #5f6368; --line: #dadce0; --paper: #ffffff; --desk: #f3f4f6; --rel: #7b4fd6; --same: #fff3b0;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: var(--desk);
  font: 14px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif; }
a { color: #1a56c4; }
h1 { font-size: 20px; line-height: 1.4; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
.top { background: var(--paper); border-bottom: 1px solid var(--line); padding: 14px 24px 10px; }
.crumbs { font-size: 12px; color: var(--muted); margin-bottom: 4px; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 0; font-size: 13px; color: var(--muted); }
.facts div { display: flex; gap: 6px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; color: var(--ink); font-weight: 600; }
.chip { display: inline-flex; align-items: center; gap: 4px; border: 1px solid var(--line); border-radius: 12px; padding: 0 8px;
  font-size: 12px; background: #fff; white-space: nowrap; margin: 1px 4px 1px 0; }
.sev-dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; }
.sev-dot.sev-error { background: var(--err); } .sev-dot.sev-warning { background: var(--warn); } .sev-dot.sev-info { background: var(--info); }
.badge { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 4px; padding: 0 6px; color: #fff; }
.badge.sev-error { background: var(--err); } .badge.sev-warning { background: var(--warn); } .badge.sev-info { background: var(--info); }
.num { font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
table.grid { border-collapse: collapse; width: 100%; background: var(--paper); font-size: 13px; }
table.grid th, table.grid td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
table.grid th { background: #f8f9fa; font-weight: 600; white-space: nowrap; }
table.grid td.n, table.grid th.n { text-align: right; font-variant-numeric: tabular-nums; }
button, select, input[type=search] { font: inherit; font-size: 13px; }
button { border: 1px solid var(--line); background: #fff; border-radius: 4px; padding: 2px 10px; cursor: pointer; }
button:hover { background: #f1f3f4; }
.kbd { font-size: 12px; color: var(--muted); }
@media print {
  body { background: #fff; font-size: 11pt; }
  .no-print { display: none !important; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
`;
