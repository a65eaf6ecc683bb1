/* A tap before the page is ready is kept, then replayed once, never lost.

   On a weak phone the page shows long before it is ready (hydrated, connected, its on_load done): a button
   tapped in between would do nothing. Until #app-ready says "true", a tap on a button is held (the button
   shows it is pending) and replayed, in order, as soon as the page is ready. Links need none of this: they
   are real links the browser follows. A tap on a button that is gone by then (the screen moved on) is dropped. */
(function () {
  "use strict";
  var held = [];

  function marker() { return document.getElementById("app-ready"); }
  function ready() {
    var m = marker();
    return !m || m.getAttribute("data-ready") === "true";  /* no marker: not one of our pages, never hold */
  }

  document.addEventListener("click", function (event) {
    if (ready()) return;
    var button = event.target && event.target.closest ? event.target.closest("button[id]") : null;
    if (!button || button.disabled) return;
    if (button.type === "submit" && button.form && button.form.getAttribute("action")) return;  /* a real form: let it go */
    event.preventDefault();
    event.stopImmediatePropagation();
    held.push(button.id);
    button.classList.add("pending");
    button.setAttribute("aria-busy", "true");
  }, true);

  function replay() {
    if (!held.length || !ready()) return;
    var ids = held;
    held = [];
    ids.forEach(function (id) {
      var button = document.getElementById(id);
      if (!button) return;
      button.classList.remove("pending");
      button.removeAttribute("aria-busy");
      button.click();
    });
  }

  new MutationObserver(replay).observe(document.documentElement, {
    attributes: true, attributeFilter: ["data-ready"], subtree: true, childList: true,
  });
})();
