/* The record sheet (/pro/fiche-de-recueil) never leaves the browser: this copies its fields as text into the
   print-only section and opens the print dialog, whose "Enregistrer au format PDF" makes the PDF here.
   Listeners sit on document, because Reflex renders the page late and navigates without reloading.
   It also prints the school poster: one deferred script for both print buttons. */
(function () {
  "use strict";

  function sheet() { return document.getElementById("fiche-formulaire"); }
  function controls(form) { return form.querySelectorAll("input, textarea, select"); }
  function el(tag, text) { var e = document.createElement(tag); e.textContent = text; return e; }

  function valueOf(item) {
    if (item.tagName === "FIELDSET") {
      var ticked = [], boxes = item.querySelectorAll("input:checked");
      for (var i = 0; i < boxes.length; i++) ticked.push(boxes[i].labels[0].textContent);
      return ticked.join(", ");
    }
    if (item.tagName === "SELECT") return item.value ? item.options[item.selectedIndex].text : "";
    if (item.type === "date" && item.value) return item.value.split("-").reverse().join("/");
    return item.value.trim();
  }

  function hasContent(form) {
    var all = controls(form);
    for (var i = 0; i < all.length; i++) if (all[i].type === "checkbox" ? all[i].checked : all[i].value.trim()) return true;
    return false;
  }

  function fillPrintView() {
    var form = sheet(), out = document.getElementById("fiche-impression-contenu");
    if (!form || !out) return false;
    out.parentNode.setAttribute("data-filled", "");
    var now = new Date(), list = null, items = form.querySelectorAll("[data-print]");
    document.getElementById("fiche-impression-date").textContent = "Imprimée le " + now.toLocaleDateString("fr-FR") +
      " à " + now.toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" });
    out.replaceChildren();
    for (var i = 0; i < items.length; i++) {
      var label = items[i].getAttribute("data-print");
      if (items[i].tagName === "H2") {
        out.appendChild(el("h2", label));
        list = out.appendChild(document.createElement("dl"));
      } else {
        list.appendChild(el("dt", label));
        list.appendChild(el("dd", valueOf(items[i]) || "\u2014"));
      }
    }
    return true;
  }

  function wipe(form) {
    var all = controls(form);
    for (var i = 0; i < all.length; i++) { if (all[i].type === "checkbox") all[i].checked = false; else all[i].value = ""; }
    document.getElementById("fiche-impression-contenu").replaceChildren();
    document.getElementById("fiche-impression").removeAttribute("data-filled");
    document.getElementById("fiche-impression-date").textContent = "";
    return all[0];
  }

  function clearSheet() {
    var form = sheet();
    if (!form || !window.confirm("Effacer tout le contenu de la fiche ? Ce qui n'a pas été imprimé ni enregistré sera perdu.")) return;
    var first = wipe(form);
    document.getElementById("fiche-statut").textContent = "La fiche est effacée.";
    first.focus();
  }

  // The school poster's print button (/etablissement/<uai>/affiche): printed from here, because the CSP allows
  // no eval, which Reflex's rx.call_script needs.
  document.addEventListener("click", function (event) {
    if (event.target && event.target.closest && event.target.closest("#poster-print")) window.print();
  });

  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest ? event.target.closest("#fiche-imprimer, #fiche-effacer, a[href]") : null;
    if (!target) return;
    if (target.id === "fiche-imprimer") { if (fillPrintView()) window.print(); return; }
    if (target.id === "fiche-effacer") { clearSheet(); return; }
    // A link to another page of the site would drop what was written: ask first (never for the quick exit).
    var form = sheet(), href = target.getAttribute("href");
    if (!form || event.defaultPrevented || event.ctrlKey || event.metaKey || target.closest(".quick-exit-bar")) return;
    if (/^(#|tel:|sms:|mailto:)/.test(href)) return;
    if (hasContent(form) && !window.confirm("Quitter la fiche ? Ce qui n'a pas été imprimé ni enregistré sera perdu.")) {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);

  window.addEventListener("beforeprint", fillPrintView);  // Ctrl+P or the browser menu print the clean sheet too

  // After the quick exit, "Retour" must not bring the sheet back from the browser's page cache.
  window.addEventListener("pagehide", function () {
    var form = sheet();
    if (form && document.body.classList.contains("quick-exit-hide")) wipe(form);
  });

  window.addEventListener("beforeunload", function (event) {
    var form = sheet();
    if (form && hasContent(form) && !document.body.classList.contains("quick-exit-hide")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
