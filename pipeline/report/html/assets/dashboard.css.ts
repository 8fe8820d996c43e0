/** Stylesheet of the batch dashboard. */
export const DASHBOARD_CSS = `
main { padding: 12px 24px 40px; max-width: 1500px; margin: 0 auto; }
.stats { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 4px; }
.stat { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.stat b { display: block; font-size: 22px; font-variant-numeric: tabular-nums; }
.stat span { color: var(--muted); font-size: 12px; }
.panels { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
.panel { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; overflow: auto; }
.panel h2 { margin: 2px 0 8px; font-size: 15px; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; margin: 8px 0; }
.filters input[type=search] { min-width: 280px; padding: 3px 8px; border: 1px solid var(--line); border-radius: 4px; }
table.grid th[data-key] { cursor: pointer; user-select: none; }
table.grid th[data-key]::after { content: " ↕"; color: #bbb; font-weight: 400; }
table.grid th[aria-sort=ascending]::after { content: " ▲"; color: var(--ink); }
table.grid th[aria-sort=descending]::after { content: " ▼"; color: var(--ink); }
table.grid tr:hover td { background: #f8fafd; }
td.e b { color: var(--err); } td.w b { color: var(--warn); }
.pager { display: flex; gap: 8px; align-items: center; margin: 8px 0; color: var(--muted); }
.bar-label { font-size: 12px; fill: var(--ink); }
.bar-count { font-size: 11px; fill: var(--muted); }
svg text { font-family: inherit; }
.path { color: var(--muted); font-size: 11px; overflow-wrap: anywhere; }
@media (max-width: 980px) { .panels { grid-template-columns: 1fr; } }
@media print { .filters, .pager { display: none; } .panel { break-inside: avoid; } }
`;
