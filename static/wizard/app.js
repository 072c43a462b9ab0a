// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  // After htmx swaps in a new step or result, move focus to its heading so
  // screen-reader and keyboard users start at the new question.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target) return;
    if (target.id === "main") {
      var heading = document.querySelector("#main h1");
      if (heading) heading.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    } else if (target.id === "probe-area") {
      // The probe's report (or its error) replaced the form's answer area.
      var first = target.querySelector("[role=alert], .probe-heading");
      if (first) first.focus();
    } else if (target.id === "probe-result" && document.activeElement === document.body) {
      // A progress update replaced the element that had focus: keep the reader's place.
      var heading = document.querySelector("#probe-result .probe-heading");
      if (heading) heading.focus({ preventScroll: true });
    }
  });

  function enhance(root) {
    root.querySelectorAll("[data-copy-button]:not([data-ready])").forEach(function (button) {
      button.dataset.ready = "1";
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = root.querySelector("[data-copy-source]");
        var status = root.querySelector("[data-copy-status]");
        navigator.clipboard.writeText(source.value).then(
          function () { status.textContent = status.dataset.copied; },
          function () { source.select(); status.textContent = status.dataset.copyFailed; }
        );
      });
    });
    root.querySelectorAll("[data-print-button]:not([data-ready])").forEach(function (button) {
      button.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.detail.elt); });
})();
