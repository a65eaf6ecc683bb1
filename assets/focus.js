/* When a new question (or the result) appears, move the focus to its heading, back to the top, and name
   the step in the page title, so keyboard and screen-reader users always know where they are. */
(function () {
  "use strict";
  var last = "";
  function follow() {
    var heading = document.getElementById("question-title") || document.getElementById("result-title");
    if (!heading) { last = ""; return; }
    var key = heading.id + ":" + heading.textContent;
    if (key !== last) {
      last = key;
      heading.setAttribute("tabindex", "-1");
      window.scrollTo(0, 0);
      heading.focus({ preventScroll: true });
    }
    var step = document.getElementById("progress");
    var where = step && step.textContent ? step.textContent : "Qui peut t\u2019aider";
    var tool = heading.closest("[data-steps]");  /* a tool names itself; the questionnaire is "Questions" */
    var name = tool ? tool.getAttribute("data-steps") : "Questions";
    var title = where + " \u2013 " + name + " \u2013 Violences, parlons-en";
    /* The router may write the page's own title after the step appeared: write the step's back. */
    if (document.title !== title) document.title = title;
  }
  new MutationObserver(follow).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  follow();  /* the page may be complete before this script runs: nothing would change after */
})();
