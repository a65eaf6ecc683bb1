/* When a new question (or the result) appears, move the focus to its heading, back to the top, and name
   the step in the page title, so keyboard and screen-reader users always know where they are. Each
   question has its own page: the heading is a new element there even when its words are the same. */
(function () {
  "use strict";
  var last = "", lastHeading = null;
  function follow() {
    var heading = document.getElementById("question-title") || document.getElementById("result-title");
    if (!heading) { last = ""; lastHeading = null; return; }
    var key = heading.id + ":" + heading.textContent;
    if (key !== last || heading !== lastHeading) {
      var moved = key !== last;
      last = key;
      lastHeading = heading;
      heading.setAttribute("tabindex", "-1");
      if (moved) window.scrollTo(0, 0);
      if (moved || document.activeElement === document.body || !document.activeElement) {
        heading.focus({ preventScroll: true });
      }
    }
    var step = document.getElementById("progress");
    var where = step && step.textContent ? step.textContent : "Qui peut aider";
    var tool = heading.closest("[data-steps]");  /* a tool names itself; the questionnaire is "Questions" */
    var name = tool ? tool.getAttribute("data-steps") : "Questions";
    var title = where + " \u2013 " + name + " \u2013 Violences, parlons-en";
    /* The router may write the page's own title after the step appeared: write the step's back. */
    if (document.title !== title) document.title = title;
  }
  new MutationObserver(follow).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  follow();  /* the page may be complete before this script runs: nothing would change after */
})();
