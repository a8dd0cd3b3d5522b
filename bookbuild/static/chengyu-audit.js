// The audit page: a filter by status above the claims table. Each row's status is a
// <span class="audit-status" data-status="...">; without this script every row shows.
(function () {
  "use strict";

  function setUp(table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var counts = {};
    var names = {};
    rows.forEach(function (row) {
      var status = row.querySelector(".audit-status");
      var slug = status ? status.dataset.status : "";
      row.dataset.status = slug;
      counts[slug] = (counts[slug] || 0) + 1;
      if (status) names[slug] = status.textContent;
    });
    var label = document.createElement("label");
    label.textContent = "Show: ";
    var select = document.createElement("select");
    select.className = "audit-filter";
    var all = new Option("All claims (" + rows.length + ")", "all");
    select.add(all);
    Object.keys(names).forEach(function (slug) {
      var name = names[slug].charAt(0).toUpperCase() + names[slug].slice(1);
      select.add(new Option(name + " (" + counts[slug] + ")", slug));
    });
    select.addEventListener("change", function () {
      rows.forEach(function (row) {
        row.hidden = select.value !== "all" && row.dataset.status !== select.value;
      });
    });
    label.appendChild(select);
    var paragraph = document.createElement("p");
    paragraph.appendChild(label);
    var container = table.closest(".table-wrapper") || table;
    container.parentNode.insertBefore(paragraph, container);
  }

  function setUpAll() {
    document.querySelectorAll("table.audit-claims").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
