// The play-through control (geo.maps.playback.PlayThrough): restyles the Kreis layer year by year.
// ``classes``: AGS → one map-class digit per year; ``styles``: Leaflet style per class; ``start``: index of
// the year the map shows; ``stepMs``: milliseconds per year while playing.
function atlasPlayThrough(layer, map, years, classes, styles, start, stepMs) {
    var index = start, timer = null;
    var control = L.control({position: "bottomleft"});
    control.onAdd = function () {
        var box = L.DomUtil.create("div", "leaflet-bar atlas-play");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", "Entwicklung Jahr für Jahr");
        box.style.cssText = "background:#fff;padding:4px 6px;font:13px sans-serif;" +
            "display:flex;gap:4px;align-items:center";
        box.innerHTML =
            '<button type="button" data-step="-1" aria-label="Ein Jahr zurück">&#9664;</button>' +
            '<button type="button" data-play>&#9654; Abspielen</button>' +
            '<button type="button" data-step="1" aria-label="Ein Jahr vor">&#9654;</button>' +
            '<span data-year aria-live="polite" style="font-weight:bold;min-width:6.5em"></span>';
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        var label = box.querySelector("[data-year]"), play = box.querySelector("[data-play]");
        function show(i) {
            index = i;
            // The layer's own style follows the year, so hover's resetStyle keeps the year's colour.
            layer.options.style = function (feature) {
                var own = classes[feature.properties.ags];
                return own ? styles[+own.charAt(index)] : {};
            };
            layer.resetStyle();
            label.textContent = "Stand " + years[i];
        }
        function stop() {
            clearInterval(timer); timer = null;
            play.innerHTML = "&#9654; Abspielen";
        }
        play.addEventListener("click", function () {
            if (timer) { stop(); return; }
            if (index >= years.length - 1) { show(0); }
            play.innerHTML = "&#10074;&#10074; Anhalten";
            timer = setInterval(function () {
                if (index >= years.length - 1) { stop(); return; }
                show(index + 1);
            }, stepMs);
        });
        box.querySelectorAll("[data-step]").forEach(function (button) {
            button.addEventListener("click", function () {
                stop();
                show(Math.max(0, Math.min(years.length - 1, index + (+button.dataset.step))));
            });
        });
        label.textContent = "Stand " + years[start];
        return box;
    };
    control.addTo(map);
}
