/**
 * Script of the batch dashboard: renders the documents table from the embedded JSON with sorting,
 * filtering and pagination (a page of rows at a time, so 5,000 documents stay fast).
 * Plain ES2017 without template literals.
 */
export const DASHBOARD_JS = String.raw`(function () {
  "use strict";
  var doc = document;
  var data = JSON.parse(doc.getElementById("report-data").textContent);
  var rows = data.rows;
  var L = data.ui;
  var PAGE = 50;
  var state = { key: "errors", dir: -1, q: "", province: "", check: "", onlyErrors: false, page: 0 };
  var tbody = doc.getElementById("docs-body");
  var info = doc.getElementById("page-info");

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function pct(v) { return v == null ? "" : (v * 100).toFixed(1) + "%"; }
  function cmp(a, b) {
    var x = a[state.key], y = b[state.key];
    var xn = x == null || x === "", yn = y == null || y === "";
    if (xn && yn) return a.i - b.i;
    if (xn) return 1;
    if (yn) return -1;
    if (typeof x === "number" && typeof y === "number") return (x - y) * state.dir || a.i - b.i;
    return String(x).localeCompare(String(y), "zh-Hans-CN") * state.dir || a.i - b.i;
  }
  function filtered() {
    var q = state.q.toLowerCase();
    return rows.filter(function (r) {
      if (state.province && r.province !== state.province) return false;
      if (state.onlyErrors && !r.errors) return false;
      if (state.check && !(r.checks && r.checks[state.check])) return false;
      if (q && (r.unit + " " + r.title + " " + r.path).toLowerCase().indexOf(q) < 0) return false;
      return true;
    });
  }
  function render() {
    var list = filtered().sort(cmp);
    var pages = Math.max(1, Math.ceil(list.length / PAGE));
    if (state.page >= pages) state.page = pages - 1;
    var slice = list.slice(state.page * PAGE, state.page * PAGE + PAGE);
    var html = [];
    for (var k = 0; k < slice.length; k++) {
      var r = slice[k];
      html.push("<tr data-path=\"" + esc(r.path) + "\">" +
        "<td class=\"n\">" + (r.i + 1) + "</td>" +
        "<td><a href=\"" + esc(r.href) + "\">" + esc(r.unit || r.title || r.path) + "</a>" + (r.unit && r.title ? "<div class=\"path\">" + esc(r.title) + "</div>" : "") + "<div class=\"path\">" + esc(r.path) + "</div></td>" +
        "<td>" + esc(r.provinceLabel) + "</td>" +
        "<td class=\"n\">" + esc(r.year == null ? "" : r.year) + "</td>" +
        "<td class=\"n e\">" + (r.errors ? "<b>" + r.errors + "</b>" : "0") + "</td>" +
        "<td class=\"n w\">" + (r.warnings ? "<b>" + r.warnings + "</b>" : "0") + "</td>" +
        "<td class=\"n\">" + r.infos + "</td>" +
        "<td class=\"n\">" + pct(r.copy) + "</td>" +
        "<td class=\"n\">" + pct(r.boilerplate) + "</td>" +
        "<td>" + esc(r.ruleset) + "</td>" +
        "<td><a href=\"" + esc(r.href) + "\">" + esc(L.review) + "</a></td></tr>");
    }
    if (!slice.length) html.push("<tr><td colspan=\"11\" class=\"muted\">" + esc(L.noMatch) + "</td></tr>");
    tbody.innerHTML = html.join("");
    info.textContent = L.pageInfo.replace("{page}", String(state.page + 1)).replace("{pages}", String(pages)).replace("{n}", String(list.length));
    doc.getElementById("prev-page").disabled = state.page === 0;
    doc.getElementById("next-page").disabled = state.page >= pages - 1;
    Array.prototype.forEach.call(doc.querySelectorAll("th[data-key]"), function (th) {
      var k = th.getAttribute("data-key");
      if (k === state.key) th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending"); else th.removeAttribute("aria-sort");
    });
    doc.documentElement.setAttribute("data-ready", "1");
  }
  Array.prototype.forEach.call(doc.querySelectorAll("th[data-key]"), function (th) {
    th.addEventListener("click", function () {
      var k = th.getAttribute("data-key");
      if (state.key === k) state.dir = -state.dir; else { state.key = k; state.dir = th.getAttribute("data-type") === "num" ? -1 : 1; }
      state.page = 0;
      render();
    });
  });
  doc.getElementById("q").addEventListener("input", function (e) { state.q = e.target.value; state.page = 0; render(); });
  doc.getElementById("province").addEventListener("change", function (e) { state.province = e.target.value; state.page = 0; render(); });
  doc.getElementById("check").addEventListener("change", function (e) { state.check = e.target.value; state.page = 0; render(); });
  doc.getElementById("only-errors").addEventListener("change", function (e) { state.onlyErrors = e.target.checked; state.page = 0; render(); });
  doc.getElementById("prev-page").addEventListener("click", function () { state.page = Math.max(0, state.page - 1); render(); });
  doc.getElementById("next-page").addEventListener("click", function () { state.page++; render(); });
  render();
})();`;
