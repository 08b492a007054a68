"""The embeddable views (issue 26, point 4): one self-contained German page per Kreis, Land and for Germany whose
figures are the atlas's figures, whose user text is escaped and whose links lead only into the atlas."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from geo.figures import areas, coverage
from geo.handouts import embed
from tests.conftest import HOSTILE_NAME, MARKDOWN_NAME

TODAY = date.today().isoformat()
#: A short evidence window, so that the test data has Kreise of all three classes.
FILTERS = coverage.Filters(today=date.today(), current_months=12)
PUBLIC = "https://atlas.example.org/"


@dataclass
class Node:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)
    parent: Node | None = None

    def text(self) -> str:
        return " ".join(" ".join(c.text() if isinstance(c, Node) else c for c in self.children).split())

    def all(self, tag: str) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                found += ([child] if child.tag == tag else []) + child.all(tag)
        return found

    def after(self, heading: Node, tag: str) -> Node | None:
        """The first ``tag`` among ``heading``'s following siblings (in the same parent)."""
        siblings = [c for c in self.children if isinstance(c, Node)]
        for node in siblings[siblings.index(heading) + 1 :]:
            if node.tag == tag:
                return node
            if node.tag.startswith("h"):
                return None
        return None


VOID = {"meta", "br", "link", "img", "input", "path", "rect"}


class Tree(HTMLParser):
    """The standard library's HTML tokenizer into a small tree (enough for these pages)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.node = Node("#document", {})
        self.doctype = ""
        self.feed(text)

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.node)
        self.node.children.append(node)
        if tag not in VOID:
            self.node = node

    def handle_startendtag(self, tag, attrs):
        self.node.children.append(Node(tag, dict(attrs), parent=self.node))

    def handle_endtag(self, tag):
        node = self.node
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"</{tag}> without <{tag}>"
        self.node = node.parent

    def handle_data(self, data):
        self.node.children.append(data)


def _descendants(node: Node) -> list[Node]:
    found = []
    for child in node.children:
        if isinstance(child, Node):
            found += [child, *_descendants(child)]
    return found


def parse(data: bytes) -> Node:
    tree = Tree(data.decode("utf-8"))
    assert tree.doctype.lower() == "doctype html" and tree.node is tree.root, "unbalanced document"
    return tree.root


def heading(doc: Node, text: str) -> Node:
    return next(h for h in doc.all("h2") if h.text() == text)


@pytest.fixture(scope="module")
def networks(stored_networks):
    return stored_networks


@pytest.fixture(scope="module")
def built(networks, kreise):
    return embed.build(networks, kreise, "v-test", TODAY, FILTERS)


@pytest.fixture(scope="module")
def cov(networks, kreise):
    return coverage.kreis_coverage(networks, kreise, FILTERS).set_index("ags")


def test_one_german_page_per_kreis_land_and_germany_with_title_and_one_h1(built, kreise):
    expected = {f"kreis/{a}.html" for a in kreise["ags"]} | {f"land/{k}.html" for k in set(kreise["land_ags"])}
    assert set(built) == expected | {"deutschland.html"} and len(built) == 417
    for name, data in built.items():
        doc = parse(data)
        (page,) = doc.all("html")
        assert page.attrs["lang"] == "de", name
        assert len(doc.all("h1")) == 1 and doc.all("title")[0].text(), name
        assert doc.all("svg")[0].attrs["role"] == "img" and doc.all("title")[1].text().startswith("Karte"), name


def test_kreis_counts_class_and_networks_equal_kreis_coverage(built, cov, networks):
    pairs = coverage.counting_pairs(networks, FILTERS)
    for ags, row in cov.iterrows():
        doc = parse(built[f"kreis/{ags}.html"])
        text = doc.text()
        assert f"Belegklasse: {coverage.EVIDENCE_CLASSES[row['evidence']]}" in text, ags
        n, current = int(row["n_counting"]), int(row["n_current"])
        match = re.search(r"(\d+) regionales? Netzwerke? (?:ist|sind) hier dokumentiert, davon (\d+)", text)
        assert (int(match.group(1)), int(match.group(2))) == (n, current), ags
        section = doc.all("section")[0]
        listed = section.after(heading(section, "Netzwerke im Kreis"), "ul")
        names = (
            [li.all("a")[0].text().removesuffix(" (öffnet in neuem Fenster)") for li in listed.all("li")] if n else []
        )
        ids = set(pairs.loc[pairs["ags"] == ags, "id"])
        assert len(names) == n, ags
        assert sorted(names) == sorted(networks.loc[networks["id"].isin(ids), "name"]), ags


@pytest.mark.parametrize("klass", list(coverage.EVIDENCE_CLASSES))
def test_each_class_is_named_in_its_words_with_what_follows_from_it(built, cov, klass):
    ags = cov.index[cov["evidence"] == klass][0]
    doc = parse(built[f"kreis/{ags}.html"])
    line = next(p for p in doc.all("p") if "klasse" in p.attrs.get("class", ""))
    assert line.text() == f"Belegklasse: {coverage.EVIDENCE_CLASSES[klass]}"
    links = [a.attrs["href"] for a in doc.all("a")]
    if klass == coverage.NONE:  # a white spot: nobody listed, a way to report one
        assert "weißer Fleck" in doc.text() and f"../../../../melden?kreis={ags}" in links
    else:  # the age of the evidence: per network, and the newest of the Kreis
        evidence = [s.text() for s in doc.all("span") if s.attrs.get("class") == "beleg"]
        assert evidence and all(e.startswith(("Aktueller Beleg", "Neuester Beleg")) for e in evidence[:1])
        assert "Neuester Beleg eines dieser Netzwerke" in doc.text()
        if klass == coverage.OLDER:
            assert all("älter als 12 Monate" in e for e in evidence[: int(cov.loc[ags, "n_counting"])])


def test_a_hostile_network_name_is_text_and_every_link_stays_in_the_atlas(built):
    uckermark = built["kreis/12073.html"].decode()
    assert html.escape(HOSTILE_NAME) in uckermark and "<img" not in uckermark
    assert HOSTILE_NAME in parse(built["kreis/12073.html"]).text()
    ruppin = parse(built["kreis/12068.html"])
    assert MARKDOWN_NAME in ruppin.text()  # the name with its addresses, as text
    for name, data in built.items():
        doc = parse(data)
        every = _descendants(doc)  # self-contained, inert: nothing loaded, nothing run
        assert not [n.tag for n in every if n.tag in ("script", "img", "iframe", "object", "link", "form")], name
        assert not [
            n.attrs for n in every if {"src", "srcset"} & set(n.attrs) or any(a.startswith("on") for a in n.attrs)
        ]
        for a in doc.all("a"):
            target = urlsplit(urljoin(f"{PUBLIC}{embed.URL_PREFIX}{name}", a.attrs["href"]))
            assert target.netloc == "atlas.example.org" and not target.path.startswith("/app/"), (name, a.attrs)
            assert a.attrs["target"] == "_blank" and "neuem Fenster" in a.text()


def test_links_lead_to_the_kreis_the_land_and_the_profiles_in_the_atlas(built, networks):
    def resolved(name: str) -> list[str]:
        return [urljoin(f"{PUBLIC}{embed.URL_PREFIX}{name}", a.attrs["href"]) for a in parse(built[name]).all("a")]

    assert f"{PUBLIC}?kreis=08117" in resolved("kreis/08117.html")
    assert f"{PUBLIC}?land=09" in resolved("land/09.html") and f"{PUBLIC}?kreis=09162" in resolved("land/09.html")
    assert f"{PUBLIC}?land=12" in resolved("deutschland.html")
    hostile = networks.loc[networks["name"] == HOSTILE_NAME, "id"].iloc[0]
    assert f"{PUBLIC}netzwerke?netzwerk={hostile}" in resolved("kreis/12073.html")


def test_land_figures_equal_the_atlas_figures(built, cov, networks, kreise):
    for land in ("09", "12", "04"):
        text = parse(built[f"land/{land}.html"]).text()
        here = cov[cov["land_ags"] == land]
        counts = coverage.class_counts(here.reset_index())
        expected = "; ".join(f"{coverage.EVIDENCE_CLASSES[k]}: {n}" for k, n in counts.items())
        assert f"Kreise nach Belegklasse – {expected}." in text, land
        figures = areas.figures(areas.area_of(land, kreise), here.reset_index(), networks, FILTERS)
        assert text.count("(öffnet in neuem Fenster)") >= figures["networks"]
        assert re.search(rf"\b{figures['networks']} regionale", text), land
        assert f"{figures['covered']} von {len(here)} Kreisen" in text, land


def test_the_map_shows_the_kreis_outlined_with_its_neighbours(built, kreise):
    svg = parse(built["kreis/12073.html"]).all("svg")[0]
    paths = svg.all("path")
    outlined = [p for p in paths if p.attrs.get("stroke") == "#e7298a"]
    assert len(outlined) == 1 and 8 <= len(paths) - 1 <= 40  # Uckermark and the Kreise around it, not all 400
    germany = parse(built["deutschland.html"]).all("svg")[0].all("path")
    assert len(germany) == 400 + 16


def test_iframe_code_has_a_title_and_escapes_what_it_is_given():
    code = embed.iframe_code(embed.url_of("12073", "https://a.example/atlas/"), embed.frame_title('A"<b>'), 620)
    assert code.startswith('<iframe src="https://a.example/atlas/app/static/embed/kreis/12073.html" ')
    assert 'title="Netzwerke zur Fachkräftesicherung: A&quot;&lt;b&gt; (Netzwerkatlas)"' in code
    assert embed.url_of("DE", "http://x") == "http://x/app/static/embed/deutschland.html"
    assert embed.file_name("09") == "land/09.html"
    with pytest.raises(ValueError, match="AGS"):
        embed.file_name("../x")


def test_publishing_writes_the_files_once_per_key_and_again_for_a_new_one(tmp_path):
    calls = []

    def load(version: str):
        def run():
            calls.append(version)
            return version, TODAY, {"kreis/12073.html": version.encode(), "deutschland.html": b"de"}

        return run

    marker = embed.publish(lambda: "db:1", load("1"), tmp_path)
    assert marker["key"] == "db:1" and marker["files"] == 2
    assert embed.publish(lambda: "db:1", load("1"), tmp_path)["key"] == "db:1"
    assert calls == ["1"]  # the second call found the files at the key
    embed.publish(lambda: "db:2", load("2"), tmp_path)
    assert (tmp_path / "kreis" / "12073.html").read_bytes() == b"2" and embed.read_marker(tmp_path)["key"] == "db:2"


def test_an_empty_register_still_gives_every_page(networks, kreise):
    built = embed.build(networks.iloc[:0], kreise, "leer", TODAY)
    assert len(built) == 417
    assert "Belegklasse: kein dokumentiertes Netzwerk" in parse(built["kreis/12073.html"]).text()
