// Turns the map's TopoJSON topology back into GeoJSON (geo.maps.mapview.TopologyDecoder): returns the
// function ``atlasFeatures(name)`` that the layers call for their FeatureCollection.
function atlasTopologyDecoder(topology) {
    var scale = topology.transform.scale, shift = topology.transform.translate;
    var arcs = topology.arcs.map(function (arc) {
        var x = 0, y = 0;
        return arc.map(function (p) {
            x += p[0]; y += p[1];
            return [x * scale[0] + shift[0], y * scale[1] + shift[1]];
        });
    });
    function line(indexes) {
        var points = [];
        indexes.forEach(function (i, k) {
            var arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
            points.push.apply(points, k ? arc.slice(1) : arc);
        });
        return points;
    }
    function polygon(rings) { return rings.map(line); }
    var decode = {
        Polygon: polygon,
        MultiPolygon: function (polygons) { return polygons.map(polygon); },
        MultiLineString: function (lines) { return lines.map(line); }
    };
    return function (name) {
        return {type: "FeatureCollection", features: topology.objects[name].geometries.map(function (g) {
            return {type: "Feature", properties: g.properties,
                    geometry: {type: g.type, coordinates: decode[g.type](g.arcs)}};
        })};
    };
}
