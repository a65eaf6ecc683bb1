/* « Écouter » : reads the current question and its answers, or the page's first help, aloud with the browser's
   own speech synthesis (Web Speech API, a French voice). Nothing leaves the browser: no request, no service.
   The button stays hidden where the browser has no French voice. Speech stops on quick exit (quick_exit.js
   cancels it), when the page is left, and when the button is pressed again. */
(function () {
  "use strict";
  var synth = window.speechSynthesis;

  function frenchVoice() {
    if (!synth) return null;
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) if (/^fr(-|_|$)/i.test(voices[i].lang || "")) return voices[i];
    return null;
  }

  function text(el) { return el ? (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim() : ""; }

  /* What is on screen now: the question and its answers; else the page title and its first help; else its
     title and first paragraph. */
  function currentText() {
    var question = document.querySelector("section[id^=question-]");
    if (question) {
      var parts = [text(document.getElementById("question-title"))];
      var options = question.querySelectorAll("[id^=option-]");
      for (var i = 0; i < options.length; i++) parts.push(text(options[i]));
      return parts.filter(Boolean).join(". ");
    }
    var main = document.getElementById("contenu");
    if (!main) return "";
    var title = text(main.querySelector("h1"));
    var help = main.querySelector("#result-channels > *, .channel-card, .card");
    return [title, text(help || main.querySelector("p"))].filter(Boolean).join(". ");
  }

  function refresh() {
    var voice = frenchVoice(), buttons = document.querySelectorAll("[data-read-aloud]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = !voice;
  }

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest("[data-read-aloud]") : null;
    if (!button || !synth) return;
    if (synth.speaking) { synth.cancel(); return; }
    var words = currentText(), voice = frenchVoice();
    if (!words || !voice) return;
    var utterance = new SpeechSynthesisUtterance(words);
    utterance.lang = voice.lang;
    utterance.voice = voice;
    synth.speak(utterance);
  });

  if (synth) {
    if (typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", refresh);
    window.addEventListener("pagehide", function () { synth.cancel(); });
  }
  /* Reflex renders and re-renders the page: look again when it changes, at most once a frame. */
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; refresh(); });
  }).observe(document.documentElement, { childList: true, subtree: true });
  refresh();
})();
