/**
 * Script of a review page (inlined; the page's CSP admits it by hash). Plain ES2017 without
 * template literals so it can live in a TS string. Findings are read from the DOM: marks
 * `mark.hl[data-f]` (head piece `.head`), notes `.note[data-f]`.
 */
export const REVIEW_JS = String.raw`(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;
  var heads = Array.prototype.slice.call(doc.querySelectorAll("mark.hl.head"));
  heads.sort(function (a, b) { return Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order")); });
  var notes = {};
  Array.prototype.forEach.call(doc.querySelectorAll(".note[data-f]"), function (n) { notes[n.getAttribute("data-f")] = n; });
  var off = { sev: {}, check: {} };
  var current = null;
  var countEl = doc.getElementById("shown-count");

  function pieces(id) { return doc.querySelectorAll('mark.hl[data-f="' + id + '"]'); }
  function isOff(m) { return off.sev[m.getAttribute("data-sev")] || off.check[m.getAttribute("data-check")]; }

  function applyFilters() {
    var shown = 0;
    heads.forEach(function (m) {
      var id = m.getAttribute("data-f");
      var hide = !!isOff(m);
      Array.prototype.forEach.call(pieces(id), function (p) { p.classList.toggle("off", hide); });
      if (notes[id]) notes[id].classList.toggle("off", hide);
      if (!hide) shown++;
    });
    if (countEl) countEl.textContent = String(shown);
    if (current !== null) {
      var cur = doc.getElementById("f" + current);
      if (cur && cur.classList.contains("off")) select(null);
    }
  }

  function select(id, how) {
    if (current !== null) {
      Array.prototype.forEach.call(pieces(current), function (p) { p.classList.remove("current"); });
      if (notes[current]) notes[current].classList.remove("current");
    }
    current = id;
    if (id === null) return;
    Array.prototype.forEach.call(pieces(id), function (p) { p.classList.add("current"); });
    var note = notes[id];
    if (note) note.classList.add("current");
    var mark = doc.getElementById("f" + id);
    if (how !== "from-mark" && mark) mark.scrollIntoView({ block: "center", inline: "nearest" });
    if (note && how !== "from-note") scrollNote(note);
    if (history.replaceState) history.replaceState(null, "", "#f" + id);
  }

  function scrollNote(note) {
    var panel = doc.querySelector(".notes");
    if (!panel) return;
    if (panel.scrollHeight > panel.clientHeight + 4) {
      panel.scrollTop += note.getBoundingClientRect().top - panel.getBoundingClientRect().top - 8;
    } else {
      var r = note.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) note.scrollIntoView({ block: "nearest" });
    }
  }

  function step(dir) {
    var visible = heads.filter(function (m) { return !m.classList.contains("off"); });
    if (!visible.length) return;
    var idx = -1;
    for (var i = 0; i < visible.length; i++) if (visible[i].getAttribute("data-f") === current) idx = i;
    var next = idx < 0 ? (dir > 0 ? 0 : visible.length - 1) : (idx + dir + visible.length) % visible.length;
    select(visible[next].getAttribute("data-f"));
  }

  function flash(el) {
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 1700);
  }

  function goTo(targetId) {
    var el = doc.getElementById(targetId);
    if (!el) return false;
    el.scrollIntoView({ block: "center", inline: "nearest" });
    flash(el);
    return true;
  }

  /** #at=START-END (links from other reviews): the line holding START. */
  function goToOffset(start) {
    var lines = doc.querySelectorAll(".ln[data-s]");
    var best = null;
    for (var i = 0; i < lines.length; i++) {
      if (Number(lines[i].getAttribute("data-s")) <= start) best = lines[i]; else break;
    }
    if (best) { best.scrollIntoView({ block: "center" }); flash(best); }
  }

  doc.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    var opener = t.closest(".open-cmp");
    if (opener) { ev.preventDefault(); var m = doc.getElementById(opener.getAttribute("data-target")); if (m) { m.hidden = false; var b = m.querySelector("button"); if (b) b.focus(); } return; }
    var closer = t.closest(".close-cmp");
    if (closer || t.classList.contains("modal")) { var mod = t.closest(".modal"); if (mod) mod.hidden = true; return; }
    var rel = t.closest("a.goto-rel");
    if (rel) { ev.preventDefault(); ev.stopPropagation(); goTo(rel.getAttribute("href").slice(1)); return; }
    if (t.closest("a")) return;
    var mark = t.closest("mark.hl");
    if (mark && !mark.classList.contains("off")) { select(mark.getAttribute("data-f"), "from-mark"); return; }
    var note = t.closest(".note[data-f]");
    if (note) select(note.getAttribute("data-f"), "from-note");
  });

  doc.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var tag = ev.target && ev.target.tagName;
    if (tag === "INPUT" && ev.target.type !== "checkbox" || tag === "TEXTAREA" || tag === "SELECT") return;
    if (ev.key === "Escape") { Array.prototype.forEach.call(doc.querySelectorAll(".modal"), function (m) { m.hidden = true; }); return; }
    if (ev.key === "n" || ev.key === "j") { ev.preventDefault(); step(1); }
    else if (ev.key === "p" || ev.key === "k") { ev.preventDefault(); step(-1); }
  });

  Array.prototype.forEach.call(doc.querySelectorAll("input[data-filter]"), function (input) {
    input.addEventListener("change", function () {
      off[input.getAttribute("data-filter")][input.value] = !input.checked;
      applyFilters();
    });
  });
  var chromeToggle = doc.getElementById("show-chrome");
  if (chromeToggle) chromeToggle.addEventListener("change", function () { root.classList.toggle("hide-chrome", !chromeToggle.checked); });

  var bar = doc.querySelector(".toolbar");
  function measureBar() { if (bar) root.style.setProperty("--bar", bar.offsetHeight + "px"); }
  measureBar();
  window.addEventListener("resize", measureBar);

  var hash = location.hash;
  var mf = /^#f(\d+)$/.exec(hash);
  var ma = /^#at=(\d+)/.exec(hash);
  if (mf && doc.getElementById("f" + mf[1])) select(mf[1]);
  else if (ma) goToOffset(Number(ma[1]));
  root.setAttribute("data-ready", "1");
})();`;
