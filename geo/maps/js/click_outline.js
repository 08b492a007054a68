// Outlines a clicked Kreis at once, without a round trip to the server (geo.maps.mapview.ClickOutline).
function atlasClickOutline(layer, map, color) {
    layer.on("click", function (e) {
        if (window.atlasOutline) { window.atlasOutline.remove(); }
        window.atlasOutline = L.geoJSON(e.layer.feature, {
            interactive: false, style: {color: color, weight: 4, fill: false}
        }).addTo(map);
    });
}
