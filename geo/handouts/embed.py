"""Embeddable views (issue 26, point 4): a compact page per Kreis, per Land and for Germany that a Kreis
administration or a Land ministry frames on its own website with an ``<iframe>``.

Each view is one static, self-contained HTML file, built per data version like the open-data files
(``geo.handouts.opendata``) and served by Streamlit's static serving at stable addresses:

- ``static/embed/kreis/<AGS>.html`` (400), ``static/embed/land/<key>.html`` (16), ``static/embed/deutschland.html``;
- ``static/embed/current.json``: which database, data version and day the files describe.

Why static files and not a Streamlit page: a Streamlit page needs its JavaScript bundle (~3 MB), a websocket and a
server session per visitor of every Kreis website, and sets cookies; a static file is a few KB, needs no
JavaScript, sets no cookie, makes no request to anyone (the map is inline SVG drawn from the shipped geometry,
the style inline) and lets the proxy give exactly this path its own framing policy (``bench/cluster.py``).

:func:`build` is pure (records and Kreise in, file name → bytes out); :func:`publish` writes the files under a
file lock, so several app processes write one consistent set; :func:`publish_database` wires it to a database.
User text (network names) is escaped everywhere (:func:`html.escape`), ids are quoted in links.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import box

from geo.figures import areas, coverage
from geo.figures.coverage import Filters
from geo.handouts import attribution, opendata
from geo.maps import palette
from geo.maps.assets import STATIC_DIR
from geo.records.model import WIDE_SCOPES
from geo.regions.names import display_names
from geo.text import germanfmt as fmt

EMBED_DIR = STATIC_DIR / "embed"
#: Where Streamlit serves the files (relative to the app's base URL).
URL_PREFIX = "app/static/embed/"
MARKER = "current.json"
#: From a file at ``app/static/embed/<kind>/<code>.html`` back to the app's root, so the links work at any
#: public address (the file does not need to know it).
ROOT_FROM_KIND = "../../../../"
ROOT_FROM_TOP = "../../../"
GERMANY_FILE = "deutschland.html"
#: Suggested height of the iframe per kind, in pixels (the page scrolls inside when longer).
HEIGHTS = {areas.KREIS: 620, areas.LAND: 720, areas.BUND: 720}
METRIC_CRS = "EPSG:25832"
#: The inline map: width of its drawing in SVG units, the margin around the area (share of its size).
MAP_WIDTH = 360
MARGINS = {areas.KREIS: 0.45, areas.LAND: 0.08, areas.BUND: 0.02}
NEW_WINDOW = '<span class="nv"> (öffnet in neuem Fenster)</span>'
_CSS = (Path(__file__).with_name("embed.css")).read_text(encoding="utf-8")
_BORDERS = {0: ' stroke-dasharray="4 3"', palette.OLDER_CLASS: ' stroke-dasharray="1.5 2"'}
_SWATCH_BORDERS = {0: "dashed", palette.OLDER_CLASS: "dotted"}
#: The same by position in ``palette.legend_entries()`` (white spot, older evidence only, then the current classes).
_LEGEND_BORDERS = {0: "dashed", 1: "dotted"}


def file_name(code: str) -> str:
    """The embed file of an area code (``DE``, Land key, Kreis AGS) relative to ``static/embed/``."""
    if code.upper() == areas.GERMANY:
        return GERMANY_FILE
    return f"{_kind(code)}/{code}.html"


def _kind(code: str) -> str:
    if len(code) == 2 and code.isdigit():
        return areas.LAND
    if len(code) == 5 and code.isdigit():
        return areas.KREIS
    raise ValueError(f"Gebiet {code!r} unbekannt: gültig sind DE, ein Länderschlüssel (01–16) oder ein AGS.")


def url_of(code: str, base: str) -> str:
    """The embed's stable address under the app's public address ``base`` (with or without trailing slash)."""
    return f"{base.rstrip('/')}/{URL_PREFIX}{file_name(code)}"


def iframe_code(src: str, title: str, height: int) -> str:
    """The code to paste into a website: a titled, borderless, full-width frame (WCAG 4.1.2: the title names it)."""
    return (
        f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" width="100%" height="{int(height)}" '
        'style="border:0;max-width:100%" loading="lazy"></iframe>'
    )


def frame_title(area_name: str) -> str:
    """The iframe's title: what a screen reader announces for the frame."""
    return f"Netzwerke zur Fachkräftesicherung: {area_name} (Netzwerkatlas)"


# ---- the inline map ---------------------------------------------------------------------------------------------


def _ring(coords, x0: float, y1: float, scale: float) -> str:
    """One closed ring as path data in whole SVG units (points that round to the one before are left out)."""
    points = np.asarray(coords)[:-1]
    xy = np.column_stack([np.rint((points[:, 0] - x0) * scale), np.rint((y1 - points[:, 1]) * scale)]).astype(int)
    keep = np.ones(len(xy), dtype=bool)
    keep[1:] = (xy[1:] != xy[:-1]).any(axis=1)
    xy = xy[keep]
    if len(xy) < 3:
        return ""
    return "M" + "L".join(f"{x} {y}" for x, y in xy.tolist()) + "Z"


def _path_data(geometry, x0: float, y1: float, scale: float) -> str:
    polygons = geometry.geoms if geometry.geom_type == "MultiPolygon" else [geometry]
    parts = []
    for polygon in polygons:
        if polygon.is_empty:
            continue
        parts.append(_ring(polygon.exterior.coords, x0, y1, scale))
        parts.extend(_ring(ring.coords, x0, y1, scale) for ring in polygon.interiors)
    return "".join(parts)


@dataclass(frozen=True)
class Shapes:
    """The 400 Kreise in a metric CRS as plain arrays with a spatial index, and the 16 Länder: what every map of
    one build draws from (GeoDataFrame indexing per map cost more than the drawing)."""

    ags: np.ndarray
    geoms: np.ndarray
    tree: shapely.STRtree
    position: dict[str, int]
    laender: dict[str, object]  # Land key → its outline

    @classmethod
    def of(cls, kreise: gpd.GeoDataFrame) -> Shapes:
        metric = kreise[["ags", "land_ags", "geometry"]].to_crs(METRIC_CRS).sort_values("ags")
        geoms = metric.geometry.to_numpy()
        laender = metric.dissolve(by="land_ags").geometry
        return cls(
            ags=metric["ags"].to_numpy(dtype=object),
            geoms=geoms,
            tree=shapely.STRtree(geoms),
            position={a: i for i, a in enumerate(metric["ags"])},
            laender=dict(zip(laender.index, laender.to_numpy(), strict=True)),
        )


def svg_map(
    shapes: Shapes,
    classes: Mapping[str, int],
    focus: Collection[str],
    kind: str,
    label: str,
    outline: object | None = None,
) -> str:
    """An inline SVG map: the ``focus`` Kreise in their class colours, what surrounds them faded.

    ``classes``: AGS → map class (``geo.maps.palette.map_class``); ``outline``: a shape drawn strong on top (the
    chosen Kreis or Land); a map of Germany (``kind`` ``bund``) draws the Länder borders. Shapes are simplified to
    about a pixel, points in whole units. ``label`` names the map for screen readers (role ``img``).
    """
    focus = set(focus)
    minx, miny, maxx, maxy = shapely.total_bounds(shapes.geoms[[shapes.position[a] for a in sorted(focus)]])
    pad = MARGINS[kind] * max(maxx - minx, maxy - miny)
    minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
    scale = MAP_WIDTH / (maxx - minx)
    height = round((maxy - miny) * scale)
    tolerance = 0.7 / scale
    shown = np.sort(shapes.tree.query(box(minx, miny, maxx, maxy)))
    simple = shapely.simplify(shapes.geoms[shown], tolerance, preserve_topology=True)
    paths = []
    for ags, geometry in zip(shapes.ags[shown], simple, strict=True):
        klass = classes.get(ags, 0)
        faded = "" if ags in focus else ' fill-opacity="0.3" stroke-opacity="0.45"'
        data = _path_data(geometry, minx, maxy, scale)
        paths.append(f'<path d="{data}" fill="{palette.fill_of(klass)}"{_BORDERS.get(klass, "")}{faded}/>')
    lines = []
    if kind == areas.BUND:
        for land in shapely.simplify(np.array(list(shapes.laender.values())), tolerance, preserve_topology=True):
            lines.append(
                f'<path d="{_path_data(land, minx, maxy, scale)}" fill="none" stroke="{palette.LAND_LINE}" '
                'stroke-width="1.1"/>'
            )
    if outline is not None:
        colour = palette.SELECTED_LINE if kind == areas.KREIS else palette.LAND_LINE
        data = _path_data(shapely.simplify(outline, tolerance), minx, maxy, scale)
        lines.append(f'<path d="{data}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_WIDTH} {height}" role="img" '
        f'aria-labelledby="karte-titel" focusable="false"><title id="karte-titel">{html.escape(label)}</title>'
        f'<rect width="{MAP_WIDTH}" height="{height}" fill="#ffffff"/>'
        f'<g stroke="{palette.KREIS_LINE}" stroke-width="0.6" stroke-linejoin="round">{"".join(paths)}</g>'
        f"{''.join(lines)}</svg>"
    )


def legend_html(outlined: str) -> str:
    """The map's legend: class colours with their words (and borders as on the web map), then the outline."""
    items = "".join(
        f'<li><span class="feld" aria-hidden="true" style="background:{fill};border-style:'
        f'{_LEGEND_BORDERS.get(i, "solid")}"></span>'
        f"{html.escape(label)}</li>"
        for i, (label, fill, _line) in enumerate(palette.legend_entries())
    )
    return f'<ul class="legende">{items}<li>{html.escape(outlined)}</li></ul>'


# ---- the views ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What every view of one build shares, computed once (a build makes 417 pages)."""

    kreise: pd.DataFrame  # attributes, no geometry, with ``display`` (the Kreis's display name), by AGS
    shapes: Shapes
    cov: pd.DataFrame  # coverage.kreis_coverage, by AGS
    classes: dict[str, int]  # AGS → map class
    counting: dict[str, dict[str, bool]]  # AGS → {network id: current} of the networks counting there
    wide: dict[str, set[str]]  # AGS → Land-wide and national networks working there
    items: dict[str, tuple[tuple[str, str], str]]  # network id → (sort key, list item)
    evidence: dict[str, str]  # network id → ISO date of its newest evidence
    filters: Filters
    version: str
    issued: str


def _context(networks: pd.DataFrame, kreise: gpd.GeoDataFrame, version: str, issued: str, filters: Filters) -> Context:
    prepared = coverage.prepare(networks)
    cov = coverage.kreis_coverage(networks, kreise, filters, prepared)
    counted = coverage.filter_networks(networks, filters)
    attributes = pd.DataFrame(kreise.drop(columns="geometry"))
    attributes["display"] = display_names(attributes)
    counting: dict[str, dict[str, bool]] = {}
    pairs = coverage.counting_pairs(networks, filters, prepared)
    for ags, network_id, current in zip(pairs["ags"], pairs["id"], pairs["current"], strict=True):
        counting.setdefault(ags, {})[network_id] = bool(current)
    wide: dict[str, set[str]] = {}
    for network_id, scope, codes in zip(counted["id"], counted["scope"], counted["ags"], strict=True):
        if scope in WIDE_SCOPES:
            for ags in codes or ():
                wide.setdefault(ags, set()).add(network_id)
    lines = coverage.evidence_lines(counted, filters)
    items = {}
    for network_id, name, line in zip(counted["id"], counted["name"], lines, strict=True):
        href = f"{ROOT_FROM_KIND}netzwerke?netzwerk={quote(str(network_id), safe='')}"
        items[network_id] = (
            (str(name).casefold(), str(network_id)),
            f'<li>{_link(href, html.escape(str(name)))}<br><span class="beleg">{html.escape(line)}</span></li>',
        )
    dates = coverage.evidence_dates(counted) if len(counted) else pd.Series(dtype=object)
    return Context(
        kreise=attributes.set_index("ags"),
        shapes=Shapes.of(kreise),
        cov=cov.set_index("ags"),
        classes=palette.kreis_classes(cov),
        counting=counting,
        wide=wide,
        items=items,
        evidence={i: d for i, d in zip(counted["id"], dates, strict=True) if isinstance(d, str) and d},
        filters=filters,
        version=version,
        issued=issued,
    )


def _link(href: str, text: str) -> str:
    """A link out of the frame into the atlas: a new window (said to screen readers), never the host page.
    ``text`` is HTML (escaped by the caller)."""
    return f'<a href="{html.escape(href)}" target="_blank" rel="noopener">{text}{NEW_WINDOW}</a>'


def _network_items(ctx: Context, ids: Collection[str]) -> str:
    """One list item per network, by name: its name linking to its profile, its newest evidence in words."""
    rows = sorted((ctx.items[i] for i in ids), key=lambda item: item[0])
    return f'<ul class="netze">{"".join(item for _key, item in rows)}</ul>'


def _newest(ctx: Context, ids: Collection[str]) -> str | None:
    return max((ctx.evidence[i] for i in ids if i in ctx.evidence), default=None)


def _class_line(evidence: str) -> str:
    klass = {coverage.CURRENT: 2, coverage.OLDER: palette.OLDER_CLASS, coverage.NONE: 0}[evidence]
    border = _SWATCH_BORDERS.get(klass, "solid")
    return (
        f'<p class="klasse"><span class="feld" aria-hidden="true" style="background:{palette.fill_of(klass)};'
        f'border-style:{border}"></span>Belegklasse: {html.escape(coverage.EVIDENCE_CLASSES[evidence])}</p>'
    )


def _window(ctx: Context) -> str:
    months = ctx.filters.current_months if ctx.filters.current_months is not None else coverage.current_months()
    return (
        f"Als aktuell gilt ein Beleg (Quelle, Meldung oder Bestätigung) aus den {months} Monaten vor dem "
        f"{fmt.day(ctx.filters.reference_date())}."
    )


def _wide_ids(ctx: Context, members: Collection[str], counting: Collection[str]) -> set[str]:
    """Land-wide and national networks working in ``members`` that do not count there as regional ones."""
    found = set().union(*(ctx.wide.get(ags, set()) for ags in members))
    return found - set(counting)


def _page(title: str, body: str) -> bytes:
    return (
        '<!doctype html>\n<html lang="de"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="referrer" content="strict-origin-when-cross-origin"><title>{html.escape(title)}</title>'
        f"<style>{_CSS}</style></head><body><main>{body}</main></body></html>\n"
    ).encode()


def _footer(ctx: Context, root: str, atlas_href: str, atlas_text: str) -> str:
    return (
        f"<footer><p>{_link(root + atlas_href, html.escape(atlas_text))}</p>"
        f'<p class="klein">Stand {fmt.day(ctx.issued)}, Datenversion {html.escape(ctx.version)}. '
        f"{html.escape(opendata.REGISTER_ATTRIBUTION)}. {html.escape(attribution.GEODATA)}</p></footer>"
    )


def kreis_view(ctx: Context, ags: str) -> bytes:
    """The embed of one Kreis: class, counts, its networks with their evidence, a map with its neighbours."""
    root = ROOT_FROM_KIND
    info, row = ctx.kreise.loc[ags], ctx.cov.loc[ags]
    name = str(info["display"])
    counting_ids = list(ctx.counting.get(ags, {}))
    wide = _wide_ids(ctx, [ags], counting_ids)
    n_counting, n_current = int(row["n_counting"]), int(row["n_current"])
    newest = _newest(ctx, counting_ids)
    lines = [
        f"<p>{fmt.count(n_counting, 'regionales Netzwerk', 'regionale Netzwerke')} "
        f"{'ist' if n_counting == 1 else 'sind'} hier dokumentiert, davon {fmt.integer(n_current)} mit "
        "aktuellem Beleg.</p>"
    ]
    if newest:
        lines.append(f"<p>Neuester Beleg eines dieser Netzwerke: {fmt.day(newest)}.</p>")
    lines.append(f'<p class="klein">{html.escape(_window(ctx))}</p>')
    networks = '<h2 id="netzwerke">Netzwerke im Kreis</h2>'
    if counting_ids:
        networks += _network_items(ctx, counting_ids)
    else:
        networks += (
            "<p>Hier ist kein regionales Netzwerk zur Fachkräftesicherung dokumentiert (ein weißer Fleck).</p>"
            f"<p>{_link(f'{root}melden?kreis={ags}', 'Gibt es hier ein Netzwerk? Melden')}</p>"
        )
    if wide:
        networks += '<h2 id="weitere">Landes- und bundesweite Netzwerke, die auch hier wirken</h2>'
        networks += _network_items(ctx, wide)
    label = f"Karte: {name} (rot umrandet) mit den umliegenden Kreisen, gefärbt nach Belegklasse"
    shape = ctx.shapes.geoms[ctx.shapes.position[ags]]
    figure = (
        f"<figure>{svg_map(ctx.shapes, ctx.classes, [ags], areas.KREIS, label, outline=shape)}"
        f"<figcaption>{legend_html(f'Rot umrandet: {name}')}</figcaption></figure>"
    )
    body = (
        f'<p class="herkunft">Netzwerkatlas Fachkräftesicherung · {html.escape(str(info["land"]))}</p>'
        f"<h1>{html.escape(name)}</h1>{_class_line(str(row['evidence']))}{''.join(lines)}"
        f'<div class="spalten"><section aria-labelledby="netzwerke">{networks}</section>{figure}</div>'
        + _footer(ctx, root, f"?kreis={ags}", f"{name} im Netzwerkatlas öffnen")
    )
    return _page(f"Netzwerke zur Fachkräftesicherung: {name}", body)


def _class_counts_line(cov: pd.DataFrame) -> str:
    counts = coverage.class_counts(cov.reset_index())
    parts = [f"{html.escape(coverage.EVIDENCE_CLASSES[key])}: {fmt.integer(n)}" for key, n in counts.items()]
    return f"<p>Kreise nach Belegklasse – {'; '.join(parts)}.</p>"


def _kreis_table(ctx: Context, members: list[str], root: str) -> str:
    rows = []
    for ags in members:
        row = ctx.cov.loc[ags]
        name = str(ctx.kreise.loc[ags, "display"])
        rows.append(
            f'<tr><th scope="row">{_link(f"{root}?kreis={ags}", html.escape(name))}</th>'
            f"<td>{html.escape(coverage.EVIDENCE_CLASSES[str(row['evidence'])])}</td>"
            f'<td class="zahl">{fmt.integer(row["n_counting"])}</td>'
            f'<td class="zahl">{fmt.integer(row["n_current"])}</td></tr>'
        )
    return (
        '<table><caption>Die Kreise</caption><thead><tr><th scope="col">Kreis</th><th scope="col">Belegklasse'
        '</th><th scope="col" class="zahl">Netzwerke</th><th scope="col" class="zahl">davon aktuell</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def land_view(ctx: Context, land: str) -> bytes:
    """The embed of one Land: class counts of its Kreise, its networks, a map, its Kreise as a table."""
    root = ROOT_FROM_KIND
    members = sorted(ctx.kreise.index[ctx.kreise["land_ags"] == land])
    name = str(ctx.kreise.loc[members[0], "land"])
    cov = ctx.cov.loc[members]
    here = [ctx.counting.get(ags, {}) for ags in members]
    counting_ids = list(dict.fromkeys(i for pairs in here for i in pairs))
    current_ids = {i for pairs in here for i, current in pairs.items() if current}
    wide = _wide_ids(ctx, members, counting_ids)
    newest = _newest(ctx, counting_ids)
    covered = int(cov["covered"].sum())
    lines = [
        f"<p>{fmt.count(len(counting_ids), 'regionales Netzwerk', 'regionale Netzwerke')}, davon "
        f"{fmt.integer(len(current_ids))} mit aktuellem Beleg; {fmt.integer(covered)} von "
        f"{fmt.count(len(members), 'Kreis', 'Kreisen')} mit aktuellem Beleg abgedeckt.</p>",
        _class_counts_line(cov),
    ]
    if newest:
        lines.append(f"<p>Neuester Beleg eines dieser Netzwerke: {fmt.day(newest)}.</p>")
    lines.append(f'<p class="klein">{html.escape(_window(ctx))}</p>')
    networks = '<h2 id="netzwerke">Regionale Netzwerke im Land</h2>'
    networks += _network_items(ctx, counting_ids) if counting_ids else "<p>Keine dokumentiert.</p>"
    if wide:
        networks += '<h2 id="weitere">Landes- und bundesweite Netzwerke</h2>' + _network_items(ctx, wide)
    label = f"Karte: {name} (schwarz umrandet) mit seinen Kreisen, gefärbt nach Belegklasse, und den Nachbarländern"
    figure = (
        f"<figure>{svg_map(ctx.shapes, ctx.classes, members, areas.LAND, label, outline=ctx.shapes.laender[land])}"
        f"<figcaption>{legend_html(f'Schwarz umrandet: {name}')}</figcaption></figure>"
    )
    body = (
        '<p class="herkunft">Netzwerkatlas Fachkräftesicherung</p>'
        f"<h1>{html.escape(name)}</h1>{''.join(lines)}"
        f'<div class="spalten"><section aria-labelledby="netzwerke">{networks}</section>{figure}</div>'
        f'<h2 id="kreise">Kreise in {html.escape(name)}</h2>{_kreis_table(ctx, members, root)}'
        + _footer(ctx, root, f"?land={land}", f"{name} im Netzwerkatlas öffnen")
    )
    return _page(f"Netzwerke zur Fachkräftesicherung: {name}", body)


def germany_view(ctx: Context, summary: pd.DataFrame) -> bytes:
    """The embed for Germany: class counts, the 16 Länder with their figures, the map of all Kreise."""
    root = ROOT_FROM_TOP
    row = summary.set_index("land_ags").loc[areas.GERMANY]
    lines = [
        f"<p>{fmt.count(int(row['networks']), 'regionales Netzwerk', 'regionale Netzwerke')}, davon "
        f"{fmt.integer(row['networks_current'])} mit aktuellem Beleg; {fmt.integer(row['covered'])} von "
        f"{fmt.integer(row['kreise'])} Kreisen mit aktuellem Beleg abgedeckt.</p>",
        _class_counts_line(ctx.cov),
        f'<p class="klein">{html.escape(_window(ctx))}</p>',
    ]
    rows = "".join(
        f'<tr><th scope="row">{_link(f"{root}?land={r.land_ags}", html.escape(str(r.land)))}</th>'
        f'<td class="zahl">{fmt.integer(r.networks)}</td><td class="zahl">{fmt.integer(r.covered)} von '
        f'{fmt.integer(r.kreise)}</td><td class="zahl">{fmt.integer(r.white_spots)}</td></tr>'
        for r in summary[summary["land_ags"] != areas.GERMANY].itertuples()
    )
    table = (
        '<h2 id="laender">Die Länder</h2><table><caption>Netzwerke und Abdeckung je Land</caption><thead><tr>'
        '<th scope="col">Land</th><th scope="col" class="zahl">Netzwerke</th><th scope="col" class="zahl">Kreise '
        'mit aktuellem Beleg</th><th scope="col" class="zahl">weiße Flecken</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    label = "Karte: die 400 Kreise Deutschlands, gefärbt nach Belegklasse, mit den Ländergrenzen"
    figure = (
        f"<figure>{svg_map(ctx.shapes, ctx.classes, ctx.kreise.index, areas.BUND, label)}"
        f"<figcaption>{legend_html('Schwarze Linien: Ländergrenzen')}</figcaption></figure>"
    )
    body = (
        '<p class="herkunft">Netzwerkatlas Fachkräftesicherung</p>'
        f"<h1>Deutschland</h1>{''.join(lines)}"
        f'<div class="spalten"><section aria-labelledby="laender">{table}</section>{figure}</div>'
        + _footer(ctx, root, "", "Netzwerkatlas öffnen")
    )
    return _page("Netzwerke zur Fachkräftesicherung in Deutschland", body)


def build(
    networks: pd.DataFrame,
    kreise: gpd.GeoDataFrame,
    version: str,
    issued: str,
    filters: Filters | None = None,
) -> dict[str, bytes]:
    """Every embed file for one data version: name under ``static/embed/`` → HTML bytes.

    ``networks`` as ``geo.storage.store.load_networks`` gives them, ``kreise`` the 400 Kreise with geometry,
    ``issued`` the ISO day the classes describe (the evidence window ends there; default filters of the map).
    """
    filters = filters or Filters(today=date.fromisoformat(issued))
    ctx = _context(networks, kreise, version, issued, filters)
    files = {file_name(ags): kreis_view(ctx, ags) for ags in ctx.kreise.index}
    for land in sorted(ctx.kreise["land_ags"].unique()):
        files[file_name(land)] = land_view(ctx, land)
    summary = areas.summary(ctx.kreise.reset_index(), ctx.cov.reset_index(), networks, filters)
    files[GERMANY_FILE] = germany_view(ctx, summary)
    return files


# ---- publishing -------------------------------------------------------------------------------------------------


def read_marker(folder: Path | None = None) -> dict | None:
    """What the published files describe (``{"key", "data_version", "issued", "files"}``), or None before the first."""
    try:
        return json.loads(((folder or EMBED_DIR) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def publish(key: Callable[[], str], load: Callable[[], tuple[str, str, dict[str, bytes]]], folder: Path | None = None):
    """Make ``folder`` hold the files for ``key()`` (database, data version and day); return the marker.

    ``load()`` gives (data version, issued day, files). Both are called under the folder's lock, like the
    open-data files (``geo.handouts.opendata.publish``): a process that finds the marker at the key does nothing.
    The set of files is fixed (every Kreis, Land, Germany), so each is replaced in place, atomically.
    """
    folder = folder or EMBED_DIR
    current = read_marker(folder)
    if current is not None and current.get("key") == key():
        return current
    with opendata._locked(folder):
        current = read_marker(folder)
        wanted = key()
        if current is not None and current.get("key") == wanted:
            return current
        version, issued, files = load()
        for name, data in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            opendata._write_atomic(path, data)
        marker = {"key": wanted, "data_version": version, "issued": issued, "files": len(files)}
        opendata._write_atomic(folder / MARKER, json.dumps(marker, ensure_ascii=False, indent=1).encode())
        return marker


def publish_database(engine, kreise: gpd.GeoDataFrame, folder: Path | None = None) -> dict:
    """:func:`publish` for a database: its current data version, the classes as of today (rebuilt daily, so a
    network's evidence turns "older" on time even when no data changes)."""
    from geo.handouts import openpublish
    from geo.storage import store

    def key() -> str:
        return f"{openpublish.database_key(engine)}:{opendata.today()}"

    def load() -> tuple[str, str, dict[str, bytes]]:
        version, issued = store.data_version(engine), opendata.today()
        return version, issued, build(store.load_networks(engine), kreise, version, issued)

    return publish(key, load, folder)
