/*
 * "Suggest a change" for one plan: /contribute/?plan=<slug> names the plan (its title, from
 * the plans' data) and links its file for editors. Without a plan, or without this script,
 * the page still says how changes are proposed.
 */
(function () {
  "use strict";
  var box = document.getElementById("suggest-plan");
  var slug = new URLSearchParams(window.location.search).get("plan") || "";
  if (!box || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return;
  var edit = document.getElementById("suggest-plan-edit");
  edit.href = edit.getAttribute("href").replace(/\/?$/, "/") + slug + ".md";
  edit.textContent = "open " + slug + ".md";
  var data = window.handbookPlans;
  var title = slug;
  if (data) {
    var at = data.fields.indexOf("slug"), titled = data.fields.indexOf("title");
    data.rows.forEach(function (row) { if (row[at] === slug) title = row[titled]; });
  }
  document.getElementById("suggest-plan-name").textContent = title;
  box.hidden = false;
})();
