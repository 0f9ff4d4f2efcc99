(function () {
  "use strict";
  // Show/hide rows by the filter form: exact matches on data-* attributes and a case-insensitive text search.
  // Reads only attributes and text; never writes markup, so document strings stay text.
  var form = document.getElementById("filters");
  if (!form) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-filterable]"));
  var shown = document.getElementById("shown");
  var none = document.getElementById("none-shown");
  function field(name) {
    var el = form.elements.namedItem(name);
    if (!el) { return ""; }
    if (el.type === "checkbox") { return el.checked ? "1" : ""; }
    return String(el.value || "");
  }
  function matchesScope(scope, wanted) {
    if (!wanted) { return true; }
    if (wanted === "same_document") { return scope !== "cross_document"; }
    return scope === wanted;
  }
  function apply() {
    var severity = field("severity"), kind = field("kind"), doc = field("doc"), status = field("status");
    var scope = field("scope"), flag = field("flag"), flagged = field("flagged");
    var query = field("q").trim().toLowerCase();
    var count = 0;
    items.forEach(function (el) {
      var d = el.dataset;
      var ok = (!severity || d.severity === severity)
        && (!kind || d.kind === kind)
        && (!status || d.status === status)
        && (!doc || d.docA === doc || d.docB === doc)
        && matchesScope(d.scope || "", scope)
        && (!flag || (" " + (d.flags || "") + " ").indexOf(" " + flag + " ") !== -1)
        && (!flagged || d.flagged === "1")
        && (!query || el.textContent.toLowerCase().indexOf(query) !== -1);
      el.hidden = !ok;
      if (ok) { count += 1; }
    });
    if (shown) { shown.textContent = String(count); }
    if (none) { none.hidden = count !== 0; }
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
