// The review workspace's own script (served from this server; the CSP allows no inline script).
// "Select all" boxes tick every row box of their table; a note typed in a row is kept when htmx swaps it.
"use strict";
document.addEventListener("change", function (event) {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.classList.contains("select-all")) {
    return;
  }
  const table = box.closest("table");
  if (!table) {
    return;
  }
  table.querySelectorAll('input[type="checkbox"][name="ids"]').forEach(function (row) {
    row.checked = box.checked;
  });
});
