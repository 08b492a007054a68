// Streamlit's own English names for screen readers and tooltips, in German (WCAG 3.1.1/3.1.2: a German
// screen reader read "Collapse sidebar", "Help for Land" or "Skip to main content" with German rules).
// Streamlit offers no setting for them; this rewrites them in place (attribute values and text, never the
// elements React owns) whenever Streamlit draws, once per animation frame.
(() => {
  if (window.netzwerkatlasGermanLabels) return;
  const WORDS = {
    "Skip to main content": "Zum Hauptinhalt springen",
    "Collapse sidebar": "Seitenleiste einklappen",
    "Expand sidebar": "Seitenleiste ausklappen",
    "Sidebar": "Seitenleiste",
    "Link to heading": "Link zu dieser Überschrift",
    "Open": "Auswahlliste öffnen",
    "Close": "Schließen",
    "Show password": "Passwort anzeigen",
    "Hide password": "Passwort verbergen",
    "Selected values": "Gewählte Werte",
    "Clear all": "Alle entfernen",
    "Clear value": "Auswahl löschen",
    "Show/hide columns": "Spalten ein- oder ausblenden",
    "Download as CSV": "Tabelle als CSV herunterladen",
    "Search": "Tabelle durchsuchen",
    "Fullscreen": "Vollbild",
    "Close fullscreen": "Vollbild beenden",
    "Show data": "Daten anzeigen",
    "Download as PNG": "Als PNG herunterladen",
    "Download as SVG": "Als SVG herunterladen",
    "Copy Vega-Lite spec": "Diagrammbeschreibung kopieren",
    "Vega visualization": "Diagramm",
    "Choose an option": "Bitte wählen",
    "Choose options": "Bitte wählen",
    "Running...": "Läuft …",
    "Stop": "Anhalten",
  };
  const PATTERNS = [
    [/^Help for (.+)$/, "Hilfe zu $1"],
    [/^Remove (.+)$/, "$1 entfernen"],
    [/^([XY])-axis titled '(.+?)' for a .*$/, "$1-Achse: $2"],
    [/^([XY])-axis for a .*$/, "$1-Achse"],
    [/^Symbol legend titled '(.+?)' for .*$/, "Legende: $1"],
  ];
  const ATTRIBUTES = ["aria-label", "title", "placeholder"];
  const TEXTS = '[data-testid="stSkipToContent"], [data-testid="stStatusWidget"] *';
  const german = (value) => {
    if (Object.prototype.hasOwnProperty.call(WORDS, value)) return WORDS[value];
    for (const [pattern, replacement] of PATTERNS) {
      if (pattern.test(value)) return value.replace(pattern, replacement);
    }
    return null;
  };
  const translate = () => {
    for (const name of ATTRIBUTES) {
      document.querySelectorAll(`[${name}]`).forEach((element) => {
        const value = german(element.getAttribute(name));
        if (value !== null) element.setAttribute(name, value);
      });
    }
    document.querySelectorAll(TEXTS).forEach((element) => {
      element.childNodes.forEach((node) => {
        const value = node.nodeType === Node.TEXT_NODE ? german(node.nodeValue.trim()) : null;
        if (value !== null) node.nodeValue = value;
      });
    });
  };
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      translate();
    });
  };
  translate();
  window.netzwerkatlasGermanLabels = new MutationObserver(schedule);
  window.netzwerkatlasGermanLabels.observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ATTRIBUTES,
  });
})();
