// Progressive enhancement of the search page; everything also works as plain links and forms.
(function () {
  "use strict";
  var form = document.getElementById("search");

  // Empty fields stay out of the URL, so a shared link shows only what was asked.
  function submitClean() {
    if (!form) return;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.type !== "checkbox" && (!el.value || el.value === el.dataset.default)) el.disabled = true;
    });
    form.submit();
  }
  if (form) {
    form.addEventListener("submit", function (ev) { ev.preventDefault(); submitClean(); });
    Array.prototype.forEach.call(form.querySelectorAll("[data-autosubmit]"), function (el) {
      el.addEventListener("change", function () {
        if (el.dataset.autosubmit === "if-salary" && !document.getElementById("salary_min").value) return;
        submitClean();
      });
    });
  }

  // "new" marks postings first seen since the previous visit; the visit time lives in this browser only.
  try {
    var prev = sessionStorage.getItem("jobmine.previousVisit");
    if (prev === null) {
      prev = localStorage.getItem("jobmine.lastVisit") || "";
      sessionStorage.setItem("jobmine.previousVisit", prev);
      localStorage.setItem("jobmine.lastVisit", new Date().toISOString());
    }
    if (prev) {
      var since = Date.parse(prev);
      document.querySelectorAll(".hit[data-first-seen]").forEach(function (hit) {
        var seen = Date.parse(hit.dataset.firstSeen);
        if (seen && seen > since) hit.querySelector(".new").hidden = false;
      });
    }
  } catch (e) { /* storage disabled: no markers */ }

  // Skills typeahead from /skills/suggest (canonical names and aliases) into the input's datalist.
  var input = document.getElementById("skill-input");
  var list = document.getElementById("skill-options");
  var timer = null, asked = "";
  if (input && list) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var prefix = input.value.trim();
      if (!prefix || prefix === asked) return;
      timer = setTimeout(function () {
        asked = prefix;
        fetch("/skills/suggest?limit=10&prefix=" + encodeURIComponent(prefix))
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (body) {
            list.textContent = "";
            body.suggestions.forEach(function (s) {
              var opt = document.createElement("option");
              opt.value = s.name;
              if (s.matched_alias) opt.label = s.name + " (" + s.matched_alias + ")";
              list.appendChild(opt);
            });
            list.dataset.prefix = prefix;
          })
          .catch(function () { list.textContent = ""; });
      }, 150);
    });
  }
})();
