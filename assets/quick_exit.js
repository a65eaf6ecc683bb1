/* Quick exit ("Quitter ce site"), after GOV.UK's "Exit this page": the link works without
   JavaScript; with it, a click or Shift pressed three times hides the page at once, forgets this
   tab's session and replaces this page in the history by a neutral site, so one « Retour » from there
   does not show what was being read. Shift is not counted while typing in a field. Nothing here talks to
   the server but the beacon that asks it to forget the tab's answers. */
(function () {
  "use strict";
  var presses = 0, timer = null, lastKeyHadShift = false;

  function link() { return document.getElementById("quick-exit"); }

  function status(text) {
    var el = document.getElementById("quick-exit-status");
    if (el) el.textContent = text;
  }

  /* The visible count: three dots beside the button fill up with each press. */
  function show(count) {
    var box = document.getElementById("quick-exit-presses");
    if (!box) return;
    box.classList.toggle("active", count > 0);
    var dots = box.querySelectorAll(".press");
    for (var i = 0; i < dots.length; i++) dots[i].classList.toggle("on", i < count);
  }

  function exitPage(event) {
    var a = link();
    if (!a) return;
    if (event) event.preventDefault();
    try {
      // Ask the server to forget this tab's answers (a beacon survives leaving the page), then drop the tab's key.
      var token = window.sessionStorage.getItem("token");
      if (token && navigator.sendBeacon) navigator.sendBeacon("/sortie", token);
      window.sessionStorage.clear();
      window.localStorage.clear();
    } catch (e) { /* private mode: nothing to clear */ }
    document.body.classList.add("quick-exit-hide");
    var overlay = document.createElement("div");
    overlay.className = "quick-exit-overlay";
    overlay.setAttribute("role", "alert");
    document.body.appendChild(overlay);
    overlay.textContent = "Chargement.";
    window.location.replace(a.href);
  }

  function reset() {
    presses = 0;
    if (timer) { clearTimeout(timer); timer = null; }
    show(0);
  }

  /* Typing in a field (the search box, the record sheet, a message) never counts as a quick exit. */
  function typing(target) {
    if (!target || !target.closest) return false;
    return !!target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']");
  }

  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest ? event.target.closest("#quick-exit, .quick-exit-skip") : null;
    if (target) exitPage(event);
  }, true);

  document.addEventListener("keyup", function (event) {
    if (typing(event.target)) { reset(); lastKeyHadShift = event.shiftKey; return; }
    if (event.key === "Shift" && !lastKeyHadShift) {
      presses += 1;
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () { reset(); status(""); }, 5000);
      if (presses >= 3) { show(3); reset(); exitPage(null); return; }
      show(presses);
      status(presses === 1 ? "Maj : appuie encore 2 fois pour quitter." : "Maj : appuie encore 1 fois pour quitter.");
    } else if (event.key !== "Shift") {
      reset();
    }
    lastKeyHadShift = event.shiftKey;
  }, true);

  window.addEventListener("pageshow", function () {
    document.body.classList.remove("quick-exit-hide");
    var overlays = document.querySelectorAll(".quick-exit-overlay");
    for (var i = 0; i < overlays.length; i++) overlays[i].remove();
    reset();
    status("");
  });
})();
