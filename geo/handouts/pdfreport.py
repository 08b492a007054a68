"""The two-page PDF report for a Kreis, a Land or Germany ("Bericht herunterladen").

:func:`report_data` gathers every figure from the same functions the app's tables use
(``geo.figures.coverage``, ``geo.figures.areas``), so the PDF and the screen cannot disagree; :func:`render_pdf` only
lays them out. German typography throughout (``geo.text.germanfmt``). The fonts are the DejaVu files that
ship with matplotlib, so no system font is needed.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import matplotlib
import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from geo.figures import areas, coverage, statistics
from geo.figures.areas import Area
from geo.figures.coverage import DEFAULT_FILTERS, Filters
from geo.figures.statistics import WITHOUT_FIELD
from geo.handouts import attribution
from geo.maps import palette, staticmap
from geo.records.model import SCOPE_LABELS
from geo.records.vocabulary import HANDLUNGSFELD_LIST
from geo.regions.names import display_name
from geo.storage.datasets import DataNotice
from geo.text import germanfmt as fmt

#: Rows listed before "… und N weitere": two A4 pages hold the map, the figures and these lists.
MAX_NETWORKS = 22
MAX_WHITE_SPOTS = 12
FIRST_YEAR = 2005
HEADINGS = FontFace(emphasis="BOLD", fill_color=(230, 236, 245))
SHORT_FIELDS = {h.name: h.short for h in HANDLUNGSFELD_LIST}
METHOD_NOTE = (
    "Ein Kreis gilt als abgedeckt, wenn dort mindestens ein regionales Netzwerk unter den gewählten Filtern "
    "wirkt, dessen neuester datierter Beleg (Quelle, Meldung des Netzwerks oder Bestätigung der Redaktion) "
    "höchstens 36 Monate alt ist. Kreise, deren Netzwerke nur ältere Belege haben, stehen daneben, nie darin. "
    "In Berlin, Hamburg und Bremen zählt ein landesweites Netzwerk für die Stadt (Bremen: beide Kreise); sonst "
    "zählen landes- und bundesweite Netzwerke nur, wenn der Filter es so einstellt; ein Netzwerk zählt je "
    "Gebiet einmal. Bevölkerung zum 31.12.2019 (Destatis), Gebietsstand 01.07.2021 (400 Kreise). "
    "Die Kriterien (verbindliche Kooperation, datenbasierte Ziele, Evaluation) gelten als erfüllt, wenn alle "
    "drei bestätigt sind. Entwicklung: Netzwerke, die im jeweiligen Jahr gegründet und nicht vorher beendet "
    "waren. Weiße Flecken: Kreise ohne dokumentiertes Netzwerk."
)


@dataclass(frozen=True)
class ReportData:
    area: Area
    today: date
    data: DataNotice | None  # what the networks are (public sources, demo, …); None: the editors' own records
    filters: Filters
    figures: dict
    ranks: dict  # figure → rank among the 16 as text ("3. von 16", "–"; Land only)
    neighbours: tuple[int, int]  # covered / all Kreise bordering the area
    networks: pd.DataFrame  # name, scope, handlungsfelder, criteria_met
    field_counts: dict  # Handlungsfeld → networks
    white_spots: pd.DataFrame  # name, bez, land, population (most populous first)
    white_spot_scope: str
    timeline: pd.DataFrame  # jahr, netzwerke, abgedeckte_kreise
    map_png: bytes


def report_data(
    code: str,
    kreise: gpd.GeoDataFrame,
    networks: pd.DataFrame,
    neighbours: Mapping[str, list[str]],
    filters: Filters = DEFAULT_FILTERS,
    today: date | None = None,
    data: DataNotice | None = None,
    checks: Mapping[str, str] | None = None,
) -> ReportData:
    """Every figure of the report for the area ``code`` (``DE``, Land key or Kreis AGS); ``checks``: AGS → how a
    white spot was checked ("geprüft am …, gesucht in: …")."""
    today = today or date.today()
    info = pd.DataFrame(kreise.drop(columns="geometry"))
    area = areas.area_of(code, info)
    cov = coverage.kreis_coverage(networks, info, filters)
    figures = areas.figures(area, cov, networks, filters)
    ranks = {}
    if area.kind == areas.LAND:
        ranking = areas.land_ranking(info, cov, networks, filters).set_index("land_ags")
        ranks = {key: areas.rank_label(ranking, key, area.code, words=False) for key in areas.FIGURES}
    listed = areas.networks_in(area, networks, filters)
    fields = listed["handlungsfelder"]
    field_counts = statistics.field_counts(fields)
    if area.kind == areas.KREIS:
        around = {area.code, *neighbours.get(area.code, [])}
        scope = "im Kreis und in seinen Nachbarkreisen"
    else:
        around = set(area.kreise)
        scope = "in Deutschland" if area.kind == areas.BUND else f"in {area.name}"
    spots = coverage.white_spots(cov[cov["ags"].isin(around)])
    last_year = filters.as_of_year or today.year
    timeline = areas.timeline(area, info, networks, range(FIRST_YEAR, last_year + 1), filters)
    focus = None if area.kind == areas.BUND else (area.kreise if area.kind == areas.LAND else _land_of(area, info))
    map_png = staticmap.focused_map(
        kreise,
        palette.kreis_classes(cov),
        "",
        f"Stand {fmt.day(today)}" + (f" · {data.short}" if data else ""),
        "",
        focus=focus,
        highlight=area.kreise if area.kind == areas.KREIS else (),
        width_in=5.0,
        dpi=110,
    )
    return ReportData(
        area=area,
        today=today,
        data=data,
        filters=filters,
        figures=figures,
        ranks=ranks,
        neighbours=areas.neighbour_coverage(area, cov, neighbours),
        networks=listed[["name", "scope", "handlungsfelder", "criteria_met"]],
        field_counts=field_counts,
        white_spots=spots[["name", "bez", "land", "population"]].assign(
            pruefung=spots["ags"].map(lambda ags: (checks or {}).get(ags, ""))
        ),
        white_spot_scope=scope,
        timeline=timeline,
        map_png=map_png,
    )


def _land_of(area: Area, info: pd.DataFrame) -> tuple[str, ...]:
    land = info.loc[info["ags"] == area.code, "land_ags"].iloc[0]
    return tuple(info.loc[info["land_ags"] == land, "ags"])


def filter_description(filters: Filters) -> str:
    """The filters in words, for the report's header."""
    parts = [f"Handlungsfeld {fmt.quoted(filters.handlungsfeld)}" if filters.handlungsfeld else "alle Handlungsfelder"]
    parts.append("Status: " + ", ".join(filters.statuses))
    if filters.criteria_only:
        parts.append("nur Netzwerke, die alle Kriterien erfüllen")
    parts.append("landes- und bundesweite Netzwerke zählen" if filters.count_land_wide else "nur regionale Netzwerke")
    if filters.as_of_year:
        parts.append(f"Stand des Jahres {filters.as_of_year}")
    return "; ".join(parts)


def figure_rows(data: ReportData) -> list[tuple[str, str, str]]:
    """(label, value, rank) rows of the key figures table."""
    f = data.figures
    values = {
        "networks": fmt.integer(f["networks"]),
        "networks_current": fmt.integer(f["networks_current"]),
        "networks_per_100k": fmt.decimal(f["networks_per_100k"], 2),
        "covered": f"{fmt.integer(f['covered'])} von {fmt.integer(f['kreise'])}",
        "share_population_covered": fmt.percent(f["share_population_covered"]),
        "older_only": fmt.integer(f["older_only"]),
        "white_spots": fmt.integer(f["white_spots"]),
        "fields_covered": fmt.integer(f["fields_covered"]),
        "criteria_met": fmt.integer(f["criteria_met"]),
    }
    rows = [
        (label, values[key], data.ranks[key] if data.ranks else "") for key, (label, _better) in areas.FIGURES.items()
    ]
    rows.insert(5, ("Einwohner", fmt.integer(f["population"]), ""))
    covered, total = data.neighbours
    rows.append(("Angrenzende Kreise mit Netzwerk", f"{covered} von {total}" if total else "–", ""))
    return rows


class _Document(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=7)
        self.set_text_color(90)
        self.cell(0, 5, f"Netzwerkatlas Fachkräftesicherung · Seite {self.page_no()} von {{nb}}", align="C")


def render_pdf(data: ReportData) -> bytes:
    """The report as PDF bytes (A4, at most two pages)."""
    pdf = _Document(format="A4")
    fonts = os.path.join(matplotlib.get_data_path(), "fonts", "ttf")
    pdf.add_font("DejaVu", "", os.path.join(fonts, "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", os.path.join(fonts, "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"Netzwerke zur Fachkräftesicherung – {data.area.name}")
    pdf.set_creator("Netzwerkatlas Fachkräftesicherung")
    pdf.set_lang("de-DE")
    pdf.set_margins(15, 14, 15)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    _header(pdf, data)
    top = pdf.get_y()
    pdf.image(io.BytesIO(data.map_png), x=15, y=top, w=92)
    pdf.set_xy(112, top)
    _figures_table(pdf, data)
    pdf.set_x(112)
    _field_table(pdf, data)
    pdf.set_y(max(pdf.get_y(), top + _image_height(data.map_png, 92)) + 3)
    _development(pdf, data)
    _networks(pdf, data)
    _white_spots(pdf, data)
    _heading(pdf, "Methode")
    _small(pdf, METHOD_NOTE)
    _heading(pdf, "Quellen")
    own = f" Netzwerkdaten: {data.data.short if data.data else 'von der Redaktion erfasst'}."
    _small(pdf, " ".join(attribution.ALL[:2]) + own)
    return bytes(pdf.output())


def _header(pdf: FPDF, data: ReportData) -> None:
    kind = {areas.BUND: "Bund", areas.LAND: "Land", areas.KREIS: f"Kreis in {data.area.land}"}[data.area.kind]
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(0, 7, f"Netzwerke zur Fachkräftesicherung: {data.area.name}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=8.5)
    code = "" if data.area.kind == areas.BUND else f" · Schlüssel {data.area.code}"
    pdf.multi_cell(0, 4.2, f"{kind}{code} · Stand {fmt.day(data.today)}", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 4.2, "Filter: " + filter_description(data.filters), new_x="LMARGIN", new_y="NEXT")
    if data.data:
        pdf.set_text_color(*((170, 60, 0) if data.data.level == "warning" else (0, 0, 0)))
        line = f"Netzwerkdaten: {data.data.short}. {data.data.caveat}".strip()
        pdf.multi_cell(0, 4.2, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
    pdf.ln(2)


def _figures_table(pdf: FPDF, data: ReportData) -> None:
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(0, 6, "Kennzahlen", new_x="LEFT", new_y="NEXT")
    pdf.set_font("DejaVu", size=8)
    widths = (44, 22, 18) if data.ranks else (58, 26)
    heading = ("Kennzahl", "Wert", "Rang") if data.ranks else ("Kennzahl", "Wert")
    with pdf.table(
        width=sum(widths), col_widths=widths, align="LEFT", line_height=4.4, headings_style=HEADINGS, text_align="LEFT"
    ) as table:
        table.row(heading)
        for label, value, rank in figure_rows(data):
            table.row((label, value, rank) if data.ranks else (label, value))
    pdf.ln(2)


def _field_table(pdf: FPDF, data: ReportData) -> None:
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(0, 6, "Netzwerke nach Handlungsfeld", new_x="LEFT", new_y="NEXT")
    pdf.set_font("DejaVu", size=8)
    with pdf.table(
        width=84, col_widths=(62, 22), align="LEFT", line_height=4.4, headings_style=HEADINGS, text_align="LEFT"
    ) as table:
        table.row(("Handlungsfeld (Mehrfachnennung möglich)", "Netzwerke"))
        for field, count in data.field_counts.items():
            table.row((field, fmt.integer(count)))


def _development(pdf: FPDF, data: ReportData) -> None:
    line = data.timeline
    _heading(pdf, f"Entwicklung {line['jahr'].iloc[0]}–{line['jahr'].iloc[-1]}")
    top = pdf.get_y()
    pdf.image(io.BytesIO(_timeline_png(line)), x=15, y=top, w=80)
    steps = line[(line["jahr"] % 5 == 0) | (line["jahr"] == line["jahr"].iloc[-1])]
    pdf.set_xy(100, top)
    pdf.set_font("DejaVu", size=8)
    with pdf.table(
        width=90, col_widths=(20, 30, 40), align="LEFT", line_height=4.2, headings_style=HEADINGS, text_align="LEFT"
    ) as table:
        table.row(("Jahr", "Netzwerke", "Abgedeckte Kreise"))
        for _, row in steps.iterrows():
            table.row((str(row["jahr"]), fmt.integer(row["netzwerke"]), fmt.integer(row["abgedeckte_kreise"])))
    pdf.set_y(max(pdf.get_y(), top + _image_height(_timeline_png(line), 80)) + 2)


def _networks(pdf: FPDF, data: ReportData) -> None:
    listed = data.networks
    _heading(pdf, f"Netzwerke und ihre Handlungsfelder ({fmt.integer(len(listed))})")
    if listed.empty:
        _small(pdf, "Unter den gewählten Filtern wirkt hier kein zählendes Netzwerk.")
        return
    pdf.set_font("DejaVu", size=7.5)
    with pdf.table(col_widths=(78, 28, 74), line_height=3.8, headings_style=HEADINGS, text_align="LEFT") as table:
        table.row(("Netzwerk", "Wirkungsraum", "Handlungsfelder"))
        for _, row in listed.head(MAX_NETWORKS).iterrows():
            fields = ", ".join(SHORT_FIELDS.get(f, f) for f in (row["handlungsfelder"] or [])) or WITHOUT_FIELD
            table.row((str(row["name"]), SCOPE_LABELS.get(row["scope"], str(row["scope"])), fields))
    if len(listed) > MAX_NETWORKS:
        _small(
            pdf,
            f"… und {fmt.integer(len(listed) - MAX_NETWORKS)} weitere; die vollständige Liste zeigt die Seite "
            f"{fmt.quoted('Netzwerke')} im Netzwerkatlas.",
        )


def _white_spots(pdf: FPDF, data: ReportData) -> None:
    spots = data.white_spots
    total = fmt.integer(spots["population"].sum()) if len(spots) else "0"
    _heading(pdf, f"Weiße Flecken {data.white_spot_scope}: {fmt.integer(len(spots))} ({total} Einwohner)")
    if spots.empty:
        _small(pdf, "Keine: Jeder Kreis hat mindestens ein dokumentiertes Netzwerk.")
        return
    pdf.set_font("DejaVu", size=7.5)
    with pdf.table(
        col_widths=(100, 50, 30),
        line_height=3.8,
        headings_style=HEADINGS,
        text_align=("LEFT", "LEFT", "RIGHT"),
    ) as table:
        table.row(("Kreis", "Land", "Einwohner"))
        for _, row in spots.head(MAX_WHITE_SPOTS).iterrows():
            kreis = display_name(row["bez"], row["name"]) + (f"\n{row['pruefung']}" if row["pruefung"] else "")
            table.row((kreis, str(row["land"]), fmt.integer(row["population"])))
    if len(spots) > MAX_WHITE_SPOTS:
        _small(pdf, f"… und {fmt.integer(len(spots) - MAX_WHITE_SPOTS)} weitere (Seite {fmt.quoted('Weiße Flecken')}).")


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(1)
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")


def _small(pdf: FPDF, text: str) -> None:
    pdf.set_font("DejaVu", size=7.5)
    pdf.multi_cell(0, 3.6, text, new_x="LMARGIN", new_y="NEXT")


def _image_height(png: bytes, width_mm: float) -> float:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return width_mm * image.height / image.width


def _timeline_png(line: pd.DataFrame) -> bytes:
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    fig, ax = plt.subplots(figsize=(4.2, 1.9), dpi=120)
    ax.plot(line["jahr"], line["netzwerke"], marker="o", markersize=2.5, label="Netzwerke")
    ax.plot(line["jahr"], line["abgedeckte_kreise"], marker="s", markersize=2.5, label="Abgedeckte Kreise")
    ax.legend(fontsize=7, frameon=False)
    ax.tick_params(labelsize=7)
    # whole years and counts only, counts with the German thousands point (issue 24)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: str(int(value))))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: fmt.integer(value)))
    ax.spines[["top", "right"]].set_visible(False)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def build_report(
    code: str,
    kreise: gpd.GeoDataFrame,
    networks: pd.DataFrame,
    neighbours: Mapping[str, list[str]],
    filters: Filters = DEFAULT_FILTERS,
    today: date | None = None,
    data: DataNotice | None = None,
    checks: Mapping[str, str] | None = None,
) -> bytes:
    """Convenience: :func:`report_data` then :func:`render_pdf`."""
    return render_pdf(report_data(code, kreise, networks, neighbours, filters, today, data, checks))


def file_name(area: Area, today: date) -> str:
    """``bericht_12073_2026-11-29.pdf``: plain ASCII, sortable."""
    return f"bericht_{area.code.lower()}_{today:%Y-%m-%d}.pdf"
