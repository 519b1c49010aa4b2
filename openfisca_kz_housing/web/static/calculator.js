// Calculator helpers (no law here): add and remove members, name the income months from the date
// (asked of the server, /calculator/quarter), and keep the form when the language is switched.
(function () {
  "use strict";
  var form = document.getElementById("calc-form");
  if (!form) { return; }
  var members = document.getElementById("members");
  var template = document.getElementById("member-template");

  function nextIndex() {
    var max = -1;
    members.querySelectorAll("fieldset.member").forEach(function (f) {
      max = Math.max(max, parseInt(f.getAttribute("data-index"), 10));
    });
    return max + 1;
  }

  function wireRemove(root) {
    root.querySelectorAll(".remove-member").forEach(function (button) {
      button.addEventListener("click", function () {
        var fieldset = button.closest("fieldset.member");
        fieldset.parentNode.removeChild(fieldset);
        document.getElementById("add-member").focus();
      });
    });
  }

  document.getElementById("add-member").addEventListener("click", function () {
    var index = nextIndex();
    var html = template.innerHTML.split("__i__").join(String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var fieldset = holder.firstChild;
    var legend = fieldset.querySelector("legend");
    legend.textContent = legend.textContent.trim() + " " + (members.querySelectorAll("fieldset.member").length + 1);
    members.appendChild(fieldset);
    wireRemove(fieldset);
    updateMonths();
    var first = fieldset.querySelector("input");
    if (first) { first.focus(); }
  });
  wireRemove(members);

  var dateInput = document.getElementById("date");
  function updateMonths() {
    var value = dateInput.value.trim();
    if (!value) { return; }
    fetch("/calculator/quarter?date=" + encodeURIComponent(value)).then(function (r) { return r.json(); })
      .then(function (data) {
        if (!data.months) { return; }
        document.querySelectorAll(".month-name").forEach(function (span) {
          span.textContent = data.months[parseInt(span.getAttribute("data-k"), 10)];
        });
      }).catch(function () {});
  }
  dateInput.addEventListener("change", updateMonths);

  // switching language keeps what was typed: the form is sent again in the new language
  document.querySelectorAll(".lang-link").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var lang = link.getAttribute("data-lang");
      form.querySelector("input[name=lang]").value = lang;
      var hasResult = !!document.getElementById("result");
      var action = document.createElement("input");
      action.type = "hidden"; action.name = "action"; action.value = hasResult ? "calculate" : "switch";
      form.appendChild(action);
      form.action = "/calculator?lang=" + lang;
      form.submit();
    });
  });
})();
