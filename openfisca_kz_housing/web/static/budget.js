// Budget desk: while a run is computing, say so and count the seconds (the page is answered when done).
(function () {
  "use strict";
  var form = document.getElementById("budget-form");
  var working = document.getElementById("working");
  if (!form || !working) { return; }
  form.addEventListener("submit", function () {
    var started = Date.now();
    var template = working.getAttribute("data-text");
    working.classList.add("on");
    function tick() {
      working.textContent = template.replace("{s}", String(Math.round((Date.now() - started) / 1000)));
    }
    tick();
    setInterval(tick, 500);
    form.setAttribute("aria-busy", "true");
  });
  var result = document.getElementById("budget-result");
  if (result) { result.focus(); }
})();
