/** Stylesheet of a review page. */
export const REVIEW_CSS = `
.toolbar { position: sticky; top: 0; z-index: 10; background: rgba(255,255,255,0.97); border-bottom: 1px solid var(--line);
  padding: 6px 24px; display: flex; flex-wrap: wrap; align-items: center; gap: 4px 14px; font-size: 13px; }
.toolbar .group { display: flex; flex-wrap: wrap; align-items: center; gap: 2px; }
.toolbar .group > span.lbl { color: var(--muted); margin-right: 4px; }
.toolbar label.chip { cursor: pointer; user-select: none; }
.toolbar label.chip input { margin: 0 2px 0 0; }
.toolbar label.chip:has(input:not(:checked)) { opacity: 0.45; text-decoration: line-through; }
.toolbar .count { margin-left: auto; color: var(--muted); }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(320px, 420px); gap: 18px; padding: 16px 24px 40px; max-width: 1560px; margin: 0 auto; }
.doc { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 28px 36px 28px 68px; position: relative;
  white-space: pre-wrap; overflow-wrap: anywhere; font-size: 16px; line-height: 2; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif; }
.doc .ln[data-n]::before { content: attr(data-n); position: absolute; left: 10px; width: 40px; text-align: right; color: #b0b4ba;
  font: 11px/3.1 system-ui, sans-serif; user-select: none; pointer-events: none; }
.chrome { color: #a2a7ad; background: repeating-linear-gradient(135deg, transparent 0 6px, #f4f5f6 6px 12px); }
html.hide-chrome .chrome { display: none; }
mark.hl { color: inherit; background: var(--warn-bg); border-bottom: 2px solid var(--warn); padding: 1px 0; cursor: pointer; border-radius: 2px; }
mark.hl.sev-error { background: var(--err-bg); border-bottom-color: var(--err); }
mark.hl.sev-info { background: var(--info-bg); border-bottom-color: var(--info); }
mark.hl mark.hl { box-shadow: inset 0 -6px 0 rgba(0,0,0,0.06); }
mark.hl.head::before { content: attr(data-tag); font: 600 10px/1.3 system-ui, sans-serif; color: #fff; background: var(--warn); border-radius: 3px;
  padding: 0 3px; margin-right: 2px; position: relative; top: -0.6em; white-space: nowrap; }
mark.hl.head.sev-error::before { background: var(--err); }
mark.hl.head.sev-info::before { background: var(--info); }
mark.hl.empty { display: inline-block; min-width: 1.4em; border: 1px dashed currentColor; }
mark.hl.current { outline: 2px solid #202124; outline-offset: 1px; }
mark.hl.off { background: transparent; border-bottom-color: transparent; box-shadow: none; cursor: text; outline: none; }
mark.hl.off::before { display: none; }
.rel { border-bottom: 2px dotted var(--rel); }
.rel.flash, .ln.flash { animation: flash 1.6s ease-out 1; }
@keyframes flash { 0%, 40% { background: #e9ddff; box-shadow: 0 0 0 3px #cbb6ff; } 100% { background: transparent; box-shadow: none; } }
.notes { position: sticky; top: calc(var(--bar, 44px) + 10px); max-height: calc(100vh - var(--bar, 44px) - 20px); overflow: auto; padding-right: 4px; }
.notes .none { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 16px; }
.note { background: var(--paper); border: 1px solid var(--line); border-left: 4px solid var(--warn); border-radius: 6px; padding: 8px 12px 10px;
  margin-bottom: 10px; cursor: pointer; font-size: 13.5px; }
.note.sev-error { border-left-color: var(--err); } .note.sev-info { border-left-color: var(--info); }
.note.current { box-shadow: 0 0 0 2px #202124; }
.note.off { display: none; }
.note .hd { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-bottom: 4px; }
.note .no { font-weight: 700; }
.note .where { color: var(--muted); font-size: 12px; }
.note .rule { color: #80868b; font-size: 11px; margin-left: auto; }
.note .msg { font-weight: 600; margin: 2px 0 4px; }
.note .quote { background: #f6f7f9; border-radius: 4px; padding: 3px 8px; color: #3c4043; margin: 4px 0; overflow-wrap: anywhere; }
.note .sub { color: var(--muted); font-size: 12px; margin: 8px 0 2px; }
.note .suggest { background: #e6f4ea; color: #0d652d; border-radius: 4px; padding: 3px 8px; margin-top: 6px; }
.note ul.rel-list { margin: 2px 0; padding-left: 18px; }
.note ul.rel-list li { margin: 2px 0; }
dl.ev { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 10px; margin: 4px 0; }
dl.ev dt { color: var(--muted); } dl.ev dd { margin: 0; overflow-wrap: anywhere; }
dl.ev dl.ev { margin: 0; }
.chips .chip { margin: 1px 3px 1px 0; }
.evt-wrap { max-width: 100%; overflow-x: auto; }
table.evt { border-collapse: collapse; font-size: 12px; margin: 2px 0; }
table.evt th, table.evt td { border: 1px solid var(--line); padding: 1px 6px; text-align: left; white-space: nowrap; }
.years { margin: 2px 0 4px; }
.formula { font-size: 15px; margin: 4px 0 2px; font-variant-numeric: tabular-nums; }
.formula .expr { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.formula-stated.bad { color: var(--err); font-weight: 600; } .formula-stated.ok { color: #0d652d; }
.stack .side { background: #f6f7f9; border-radius: 4px; padding: 4px 8px; margin: 4px 0; overflow-wrap: anywhere; }
.stack .side b { display: block; font-size: 12px; color: var(--muted); font-weight: 600; }
.shared { background: var(--same); }
.only { background: #fbd3d0; text-decoration: underline wavy #c5221f; text-decoration-thickness: 1px; }
.modal { position: fixed; inset: 0; z-index: 50; background: rgba(32,33,36,0.55); display: flex; align-items: center; justify-content: center; padding: 24px; }
.modal[hidden] { display: none; }
.modal .box { background: #fff; border-radius: 8px; max-width: 1200px; width: 100%; max-height: 90vh; overflow: auto; padding: 16px 20px; }
.modal .box h3 { margin: 0 0 8px; font-size: 16px; display: flex; justify-content: space-between; gap: 12px; }
table.sbs { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 14px; line-height: 1.8; }
table.sbs th { text-align: left; background: #f8f9fa; padding: 4px 8px; border-bottom: 1px solid var(--line); }
table.sbs td { vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #eee; overflow-wrap: anywhere; white-space: pre-wrap; }
table.sbs tr.same td { background: var(--same); }
table.sbs tr.changed td { background: #fff; }
table.sbs tr.changed td span { background: #fbd3d0; }
.legend { font-size: 12px; color: var(--muted); display: flex; gap: 10px; flex-wrap: wrap; align-items: center; margin-top: 6px; }
@media (max-width: 980px) {
  .layout { grid-template-columns: 1fr; }
  .notes { position: static; max-height: none; }
  .doc { padding: 20px 16px 20px 52px; }
}
@media print {
  .toolbar, .modal, .open-cmp { display: none !important; }
  .layout { display: block; padding: 0; }
  .doc { border: 0; padding: 0 0 0 40px; font-size: 11.5pt; line-height: 1.8; }
  .doc .ln[data-n]::before { left: 0; }
  .notes { position: static; max-height: none; overflow: visible; margin-top: 16pt; }
  .note { break-inside: avoid; cursor: auto; }
  .note.off, mark.hl.off::before { display: none; }
  .note.current, mark.hl.current { box-shadow: none; outline: none; }
  html.hide-chrome .chrome { display: inline; }
}
`;
