// The Kreise for the keyboard: one Tab stop, arrow keys move, Enter or Space selects
// (geo.maps.mapview.KeyboardKreise).
function atlasKeyboardKreise(layer, map) {
    var kreise = layer.getLayers(), current = 0;
    function element(i) { return kreise[i].getElement && kreise[i].getElement(); }
    function moveTo(i) {
        i = Math.max(0, Math.min(kreise.length - 1, i));
        element(current).setAttribute("tabindex", "-1");
        element(i).setAttribute("tabindex", "0");
        current = i;
        var center = kreise[i].getBounds().getCenter();
        if (!map.getBounds().contains(center)) { map.panTo(center); }
        element(i).focus({preventScroll: true});
    }
    var moves = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1};
    kreise.forEach(function (kreis, i) {
        var el = element(i), p = kreis.feature.properties;
        if (!el) { return; }
        el.setAttribute("tabindex", i === 0 ? "0" : "-1");
        el.setAttribute("role", "button");
        el.setAttribute("aria-label", p.bez + " " + p.name + ", " + p.land + ": " + p.netzwerke
            + (p.netzwerke === 1 ? " Netzwerk" : " Netzwerke") + (p.beleg ? ", " + p.beleg : ""));
        L.DomEvent.on(el, "focus", function () { if (current !== i) { moveTo(i); } });
        L.DomEvent.on(el, "keydown", function (ev) {
            if (ev.key === "Enter" || ev.key === " ") {
                L.DomEvent.stop(ev);
                kreis.fire("click", {latlng: kreis.getBounds().getCenter(), originalEvent: ev}, true);
            } else if (ev.key in moves || ev.key === "Home" || ev.key === "End") {
                L.DomEvent.stop(ev);  // arrow keys move between Kreise here, they do not pan the map
                moveTo(ev.key === "Home" ? 0 : ev.key === "End" ? kreise.length - 1 : i + moves[ev.key]);
            }
        });
    });
}
