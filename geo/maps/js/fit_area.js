// Fit the map to an area (Germany, or the Land of the Land view) at once, without animation, and again
// whenever its frame changes size, until the visitor moves the map (geo.maps.mapview.FitArea).
// An animated fit (folium's fit_bounds from the first zoom, 1, to Germany's, 5, in a 350 px map) ended
// after the Land view's fit and left the Land view at Germany's extent.
function atlasFitArea(map, bounds) {
    var touched = false;
    function fit() { if (!touched) { map.fitBounds(bounds, {animate: false}); } }
    ["mousedown", "touchstart", "wheel", "keydown"].forEach(function (name) {
        map.getContainer().addEventListener(name, function () { touched = true; }, {passive: true});
    });
    map.on("resize", fit);
    map.whenReady(function () { setTimeout(fit, 0); });
    fit();
}
