/*
 * Tables a phone shows as cards (handbook.css: `handbook-plans`, `handbook-audiences`): once
 * their rows and cells are displayed as blocks, some browsers stop telling screen readers
 * that they are a table. The roles given here keep the table, its rows and its cells.
 * Written in the HTML, the same roles would repeat what each element already is, which HTML
 * forbids (the Nu HTML Checker, tests/test_valid_markup.py); given by a script they are the
 * repair they are meant to be. The catalogue's table, drawn by catalogue.js, is given its
 * roles there.
 */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("table[data-cards]"), function (table) {
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody"), function (group) { group.setAttribute("role", "rowgroup"); });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      Array.prototype.forEach.call(row.cells, function (cell) {
        var header = cell.tagName === "TH";
        cell.setAttribute("role", header ? (cell.getAttribute("scope") === "row" ? "rowheader" : "columnheader") : "cell");
      });
    });
  });
})();
