// After a search or a tap selected a Kreis: bring its panel into view when it is off screen (a phone, where
// the panel sits below the map). A panel already in view is left alone, so nothing moves on a wide screen.
(function () {
  var panel = window.parent.document.querySelector(".st-key-kreis_panel") || document.querySelector(".st-key-kreis_panel");
  if (!panel) { return; }
  var box = panel.getBoundingClientRect(), view = window.innerHeight || document.documentElement.clientHeight;
  if (box.top < 0 || box.top > view * 0.75) {
    panel.scrollIntoView({ behavior: "smooth", block: "start" });
  }
})();
