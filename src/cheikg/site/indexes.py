"""The index pages: alliances, institutions by province, countries of foreign partners, events by
year, and one list for each other kind of entity."""

from __future__ import annotations

from collections import defaultdict

from cheikg.queries import catalog
from cheikg.queries.runner import Target, run

from . import terms as T
from .graph import RESOURCE
from .ontology import Text
from .values import Coded, Lit, Row, Section, Value, When
from .views import KIND_LABELS, Views


def listing(views: Views, kind: str) -> list[Section]:
    """Every entity of ``kind`` in one table: names, type, date, place, number of sources."""
    rows = []
    for iri in views.entities(kind):
        node = views.g.nodes[iri]
        date = views._date_of(node)
        types = [v for p in (T.CLASSIFICATION, T.C + "eventType", T.C + "agreementType", T.C + "programType", T.C + "documentType", T.SOURCE_TYPE) for v in views.values(node, p) if isinstance(v, Coded)]
        where = [views.ref(p) for p in node.iris(T.LOCATION) + node.iris(T.COUNTRY_P)[:1]]
        sources = len(set(views.g.sources_of(iri)))
        rows.append(Row([[views.ref(iri)], types, [When(date)] if date else [], where, [Lit(str(sources))]], sort=(views.label(iri).any().casefold(), iri)))
    name = KIND_LABELS[kind][1]
    return [Section(kind, name, [Text("name", "名称"), Text("type", "类型"), Text("date", "日期"), Text("place", "地点"), Text("sources", "来源数")], sorted(rows, key=lambda r: r.sort), refs=False)]


def alliances(views: Views) -> list[Section]:
    rows = []
    for iri in views.entities("alliance"):
        node = views.g.nodes[iri]
        founded = views.date(node, T.FOUNDING_DATE)
        roles = views.facts_linking(iri, T.ORGANIZATION_P, T.ALLIANCE_MEMBERSHIP)
        holders = len({h for m in roles for h in m.iris(T.MEMBER)})
        chairs = [views.ref(h) for m in roles if (views._role(m) and views._role(m).code in ("chair", "co-chair", "rotating-chair")) for h in m.iris(T.MEMBER)]
        rows.append(Row([[views.ref(iri)], [When(founded)] if founded else [], views.values(node, T.C + "scope"), chairs, [Lit(str(holders))]], sort=(views.label(iri).any().casefold(), iri)))
    return [Section("alliances", Text("Alliances", "联盟"), [Text("alliance", "联盟"), Text("founded", "成立"), Text("covers", "范围"), Text("chairs", "主席 / 理事长单位"), Text("holders named", "已列出的成员")], sorted(rows, key=lambda r: r.sort), refs=False)]


def institutions(views: Views) -> list[Section]:
    """The institutions the articles speak of, then the provinces with the institutions seated in each."""
    curated = []
    per_province: dict[str, int] = defaultdict(int)
    for iri in views.entities("institution") + views.entities("joint-institute"):
        node = views.g.nodes[iri]
        for seat in node.iris(T.LOCATION)[:1]:
            province = views.province_of(seat)
            if province:
                per_province[province] += 1
        if not set(views.g.sources_of(iri)) <= views.datasets:
            country = [views.ref(c) for c in node.iris(T.COUNTRY_P)]
            curated.append(Row([[views.ref(iri)], [Lit(node.text(T.IDENTIFIER))], [views.ref(p) for p in node.iris(T.LOCATION)], country], sort=(views.label(iri).any().casefold(), iri)))
    provinces = [
        Row([[views.ref(p)], [Lit(str(n))]], sort=(views.label(p).en.casefold(), p))
        for p, n in per_province.items()
    ]
    return [
        Section("in-articles", Text("Institutions the articles speak of", "文章提及的高校"), [Text("institution", "高校"), Text("MOE code", "学校标识码"), Text("seat", "所在地"), Text("country", "国家")], sorted(curated, key=lambda r: r.sort), refs=False),
        Section("by-province", Text("Institutions by province", "按省份浏览高校"), [Text("province", "省级行政区"), Text("institutions seated there", "高校数")], sorted(provinces, key=lambda r: r.sort), refs=False,
                intro=Text("Every institution of the MOE list has a page; each province's page lists those seated in it.", "教育部名单中的每所高校都有页面；各省页面列出位于该省的高校。")),
    ]


def events_by_year(views: Views) -> list[Section]:
    years: dict[str, list[Row]] = defaultdict(list)
    for iri in views.entities("event"):
        node = views.g.nodes[iri]
        date = views.date(node, T.DATE)
        types = [v for v in views.values(node, T.C + "eventType") if isinstance(v, Coded)]
        where = [views.ref(p) for p in node.iris(T.LOCATION)]
        years[date.year if date else "undated"].append(Row([[When(date)] if date else [], [views.ref(iri)], types, where], sort=(date.value if date else "9999", iri)))
    sections = []
    for year in sorted(years):
        title = Text(year, f"{year}年") if year != "undated" else Text("Undated", "日期不详")
        sections.append(Section(f"y{year}", title, [Text("date", "日期"), Text("event", "活动"), Text("type", "类型"), Text("place", "地点")], sorted(years[year], key=lambda r: r.sort), refs=False))
    return sections


def countries(views: Views, target: Target) -> list[Section]:
    """Countries of the foreign partners of Chinese institutions, from the country-partners query."""
    answer = run(catalog.get("country-partners"), target)
    col = {c: i for i, c in enumerate(answer.columns)}
    by_country: dict[str, list[Row]] = defaultdict(list)
    labels: dict[str, Text] = {}
    for row in answer.terms:
        code = row[col["countryCode"]].value if row[col["countryCode"]] else ""
        labels[code] = Text(_v(row[col["countryLabel"]]), _v(row[col["countryLabelZh"]]))
        partner = row[col["partner"]]
        cells: list[list[Value]] = [
            [views.ref(partner.value)] if partner and partner.value.startswith(RESOURCE) else [],
            [Lit(v) for v in _v(row[col["via"]]).split(" | ") if v],
            [Lit(_v(row[col["links"]]))],
            [Lit(n) for n in _v(row[col["chineseInstitutions"]]).split(" | ") if n],
        ]
        by_country[code].append(Row(cells, sort=(_v(row[col["partnerLabel"]]).casefold(), partner.value if partner else "")))
    sections = []
    country_pages = {views.g.nodes[i].text(T.COUNTRY_CODE): i for i in views.entities("place") if views.g.nodes[i].text(T.COUNTRY_CODE)}
    for code in sorted(by_country, key=lambda c: (labels[c].en.casefold(), c)):
        page = country_pages.get(code)
        sections.append(
            Section(f"country-{code.lower()}", Text(f"{labels[code].en} ({code})", labels[code].zh), [Text("partner", "合作方"), Text("linked through", "合作方式"), Text("links", "联系数"), Text("Chinese institutions", "中方高校")],
                    sorted(by_country[code], key=lambda r: r.sort), refs=False, see=views.ref(page) if page else None)
        )
    return sections


def _v(term) -> str:
    return term.value if term is not None else ""


def home_counts(views: Views) -> list[tuple[Text, str, int]]:
    counts: dict[str, int] = defaultdict(int)
    for kind in views.kinds.values():
        counts[kind] += 1
    return [(KIND_LABELS[k][1], KIND_LABELS[k][2], counts[k]) for k in KIND_LABELS if counts.get(k)]
