/* A glossary term tapped on a touch screen shows its definition in a panel
   at the foot of the screen, with a link to the glossary entry, instead of
   leaving the article (a phone has no hover, so the tooltip never shows).
   A mouse click, a pen on a desktop and the keyboard still follow the link,
   and so does a tap when the browser has no Popover API: nothing is lost
   without this script. The panel's words come from the page's language
   (template #__glossary_popover, overrides/main.html; data/ui.yml). */
(function () {
  "use strict";
  var template = document.getElementById("__glossary_popover");
  if (!template || !("popover" in HTMLElement.prototype)) return;

  // Material's tooltips take the title away while they show it: keep each
  // definition from the start.
  var definitions = new WeakMap();
  Array.prototype.forEach.call(document.querySelectorAll("a.glossary-term[title]"), function (term) {
    definitions.set(term, term.getAttribute("title"));
  });

  var pointer = "";
  addEventListener("pointerdown", function (event) { pointer = event.pointerType; }, { capture: true, passive: true });

  var panel = null;
  var opener = null;
  function build() {
    panel = template.content.firstElementChild.cloneNode(true);
    document.body.appendChild(panel);
    panel.addEventListener("toggle", function (event) {
      if (event.newState === "closed" && opener) {
        opener.focus({ preventScroll: true, focusVisible: false });
        opener = null;
      }
    });
  }

  document.addEventListener("click", function (event) {
    var term = event.target instanceof Element ? event.target.closest("a.glossary-term") : null;
    if (!term || pointer !== "touch") return;
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    var definition = definitions.get(term) || term.getAttribute("title");
    if (!definition) return;
    event.preventDefault();
    if (!panel) build();
    panel.querySelector(".glossary-popover__term").textContent = term.textContent;
    panel.querySelector(".glossary-popover__definition").textContent = definition;
    panel.querySelector(".glossary-popover__link").href = term.href;
    opener = term;
    if (!panel.matches(":popover-open")) panel.showPopover();
    panel.focus({ preventScroll: true });
  });
  template.setAttribute("data-ready", "");  // for tests: taps are now watched
})();
