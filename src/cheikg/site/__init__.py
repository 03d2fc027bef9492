"""The static site: a page per entity, index pages, the ontology and the query catalogue.

``build_site(target, out)`` reads the graph through the library queries, renders every page
with the packaged templates and writes the folder whole or not at all.  The same graph gives
the same bytes: every list is sorted, and nothing depends on the time or the hash seed.  Links
are relative, so the folder works from file:// and from any web server.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cheikg.progress import Progress, step
from cheikg.queries import catalog
from cheikg.queries.runner import Target

from . import indexes
from .graph import SiteGraph
from .ontology import curie, load_ontology
from .output import check_target, write_site
from .render import Renderer
from .search import index_script
from .views import KIND_LABELS, Views

STATIC_FILES = ("style.css", "search.js", "query.js")


@dataclass(frozen=True)
class SiteResult:
    out: Path
    pages: int
    entity_pages: int
    files: int


def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cheikg.site", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["curie"] = curie
    return env


def render_site(target: Target, progress: Progress | None = None) -> dict[str, bytes]:
    """Every file of the site, by its path inside the site folder; each step reported to ``progress``."""
    with step(progress, "reading the graph for the site"):
        graph = SiteGraph.read(target)
    onto = load_ontology()
    views = Views(graph, onto)
    env = _environment()
    files: dict[str, bytes] = {}

    renderers = {root: Renderer(root) for root in ("", "../")}

    def page(path: str, template: str, **context) -> None:
        root = "../" * path.count("/")
        files[path] = env.get_template(template).render(root=root, r=renderers[root], **context).encode("utf-8")

    entities = views.entities()
    entity_template = env.get_template("entity.html")
    with step(progress, "entity pages", total=len(entities), unit="pages") as advance:
        for done, iri in enumerate(entities, 1):
            view = views.entity(iri)
            files[f"entity/{view.id}.html"] = entity_template.render(root="../", r=renderers["../"], view=view, title=view.label.any()).encode("utf-8")
            if done % 500 == 0 or done == len(entities):
                advance(done)

    queries = list(catalog.library().values())
    page("index.html", "index.html", title="cheikg", counts=indexes.home_counts(views), nqueries=len(queries),
         triples=sum(len(v) for n in graph.nodes.values() for v in n.props.values()), entities=len(entities), nsources=len(views.entities("source")))
    page("alliances.html", "listing.html", title="Alliances", heading=KIND_LABELS["alliance"][1], intro="", contents=indexes.alliances(views))
    page("institutions.html", "listing.html", title="Institutions", heading=KIND_LABELS["institution"][1], intro="", contents=indexes.institutions(views))
    page("events.html", "listing.html", title="Events by year", heading=KIND_LABELS["event"][1], intro="", contents=indexes.events_by_year(views))
    page("countries.html", "listing.html", title="Countries of foreign partners", heading=_text("Countries of foreign partners", "外方合作国家"),
         intro="Foreign organizations linked to a Chinese institution by an agreement, a joint institute or a shared alliance (the country-partners query).", contents=indexes.countries(views, target))
    for kind in ("joint-institute", "organization", "person", "agreement", "program", "document", "source"):
        page(KIND_LABELS[kind][2], "listing.html", title=KIND_LABELS[kind][1].en, heading=KIND_LABELS[kind][1], intro="", contents=indexes.listing(views, kind))
    page("search.html", "search.html", title="Search")
    files["static/search-index.js"] = index_script(views).encode("utf-8")

    page("ontology.html", "ontology.html", title="Ontology", onto=onto)
    for scheme in onto.schemes:
        page(f"vocab/{scheme.notation}.html", "vocab.html", title=scheme.label.en, scheme=scheme)
    schemes = {s.notation: s for s in onto.schemes}
    page("queries.html", "queries.html", title="Query library", queries=queries)
    for q in queries:
        page(f"query/{q.name}.html", "query.html", title=q.name, q=q, schemes=schemes)

    from importlib.resources import files as package_files

    static = package_files("cheikg.site") / "static"
    for name in STATIC_FILES:
        files[f"static/{name}"] = (static / name).read_bytes()
    return files


def build_site(target: Target, out: Path, progress: Progress | None = None) -> SiteResult:
    """Write the site for the graph of ``target`` to the folder ``out``, replacing an earlier site there."""
    check_target(out)
    files = render_site(target, progress)
    write_site(files, out)
    pages = sum(1 for p in files if p.endswith(".html"))
    return SiteResult(out, pages, sum(1 for p in files if p.startswith("entity/")), len(files))


def _text(en: str, zh: str):
    from .ontology import Text

    return Text(en, zh)
