"""What each entity page shows, assembled from the site graph: names, details, facts grouped by
kind, roles over time, a timeline and the references of every fact.

A *fact record* (an alliance role, a post, a participation, an agreement party, a stated count)
is no page of its own: it is a row on the pages of the entities it links, with its own
references.  Every other record with a name is an entity and gets a page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from . import dates as D
from . import terms as T
from .graph import RESOURCE, Node, SiteGraph, record_id
from .ontology import Ontology, Text, curie
from .values import Coded, Detail, Lit, Ref, Reference, Row, Section, Value, Web, When

# Page kinds, by the first class of the record found in this order.
KINDS: tuple[tuple[str, str], ...] = (
    (T.ALLIANCE, "alliance"),
    (T.JOINT_INSTITUTE, "joint-institute"),
    (T.UNIVERSITY, "institution"),
    (T.PERSON, "person"),
    (T.EVENT, "event"),
    (T.AGREEMENT, "agreement"),
    (T.PROGRAM, "program"),
    (T.DOCUMENT, "document"),
    (T.SOURCE, "source"),
    (T.PLACE, "place"),
    (T.ORGANIZATION, "organization"),
    (T.ORG + "FormalOrganization", "organization"),
    (T.ORG + "OrganizationalUnit", "organization"),
)
KIND_LABELS: dict[str, tuple[Text, Text, str]] = {  # kind -> (name, plural, index page)
    "alliance": (Text("alliance", "联盟"), Text("Alliances", "联盟"), "alliances.html"),
    "institution": (Text("institution", "高等学校"), Text("Institutions", "高等学校"), "institutions.html"),
    "joint-institute": (Text("joint Sino-foreign institute", "中外合作办学机构"), Text("Joint institutes", "中外合作办学机构"), "joint-institutes.html"),
    "organization": (Text("organization", "机构"), Text("Other organizations", "其他机构"), "organizations.html"),
    "person": (Text("person", "人物"), Text("Persons", "人物"), "persons.html"),
    "event": (Text("event", "活动"), Text("Events", "活动"), "events.html"),
    "agreement": (Text("agreement", "协议"), Text("Agreements", "协议"), "agreements.html"),
    "program": (Text("program or initiative", "项目或倡议"), Text("Programs", "项目或倡议"), "programs.html"),
    "document": (Text("document", "文件"), Text("Documents", "文件"), "documents.html"),
    "source": (Text("source", "来源"), Text("Sources", "来源"), "sources.html"),
    "place": (Text("place", "地点"), Text("Places", "地点"), "institutions.html"),
}
# Alliance roles in the order a reader looks for them: the chair level first, members last.
ROLE_ORDER = (
    "chair", "co-chair", "rotating-chair", "honorary-chair", "executive-president", "founding-president", "lead-institution",
    "vice-chair", "secretary-general", "secretariat-host", "deputy-secretary-general", "coordinator", "director",
    "chinese-director", "foreign-director", "steering-committee-member", "initiator", "founding-member", "sponsor",
    "supporter", "member",
)
# Statements shown as identifiers (a code or an outside link), not as details.
IDENTIFIER_PROPS = (T.IDENTIFIER, T.SAME_AS, T.HOMEPAGE, T.URL, T.ARCHIVED_COPY, T.DIVISION_CODE, T.COUNTRY_CODE)
# Statements a page shows elsewhere (its heading, names, notes, references, fact tables, timeline).
HANDLED = {
    T.PREF_LABEL, T.ALT_LABEL, T.ACRONYM, T.NOTE, T.DERIVED_FROM, T.INFERRED, T.INFERRED_PROPERTY, T.TITLE,
    T.HAS_PARTICIPATION, T.HAS_PARTY, T.HAS_STATED_COUNT, T.HISTORIC_NAME_P, T.CLASSIFICATION, T.PLACE_TYPE,
    T.SOURCE_TYPE, *IDENTIFIER_PROPS,
}
# How a page names the records that point at it, by the property they use.
INVERSE_LABELS: dict[str, Text] = {
    T.ORGANIZER: Text("Events it organized", "主办的活动"),
    T.HELD_AT: Text("Events held on its premises", "在此举办的活动"),
    T.LOCATION: Text("Seated or held here", "位于此地"),
    T.CONTAINED_IN: Text("Places within", "下辖地区"),
    T.SUB_ORGANIZATION_OF: Text("Units and institutes", "下属单位与机构"),
    T.UNIT_OF: Text("Units", "下属单位"),
    T.C + "foreignPartner": Text("Joint institutes it is the foreign partner of", "作为外方合作院校的机构"),
    T.C + "coBuiltBy": Text("Co-built with it", "共建机构"),
    T.C + "guidedBy": Text("Guided by it", "指导的对象"),
    T.C + "scope": Text("Alliances covering it", "覆盖此地的联盟"),
    T.LAUNCHED_BY: Text("Programs it launched", "发起的项目"),
    T.PROGRAM_OF: Text("Its programs", "所属项目"),
    T.LAUNCHED_AT: Text("Programs launched here", "在此发布的项目"),
    T.ABOUT: Text("About it", "相关记录"),
    T.CREATOR: Text("Documents it issued", "发布的文件"),
    T.ADOPTED_AT: Text("Documents adopted here", "在此通过的文件"),
    T.SIGNED_AT: Text("Agreements signed here", "在此签署的协议"),
    T.RESULTED_FROM: Text("Founded at this event", "在此活动成立"),
    T.SUPER_EVENT: Text("Parts of this event", "分项活动"),
    T.C + "establishes": Text("Established by agreement", "由协议设立"),
    T.DCT + "publisher": Text("Sources it published", "发布的来源"),
    T.COUNTRY_P: Text("Organizations of this country", "该国机构"),
    T.SIDE: Text("Roles held for this side", "代表此方的角色"),
    T.DCT + "source": Text("Taken from it", "取自此处"),
}
TERM_COLUMNS = (Text("from", "起"), Text("to", "止"), Text("reported on", "见于日期"))
LONG_LIST = 300  # a page lists at most this many records pointing at it by one property; the rest are counted


@dataclass
class TimelineEntry:
    date: D.Date
    what: Text
    values: list[Value]
    anchor: str = ""


@dataclass
class EntityView:
    node: Node
    kind: str
    label: Text
    kind_label: Text
    types: list[Value] = field(default_factory=list)
    names: list[Lit] = field(default_factory=list)
    historic_names: list[Row] = field(default_factory=list)
    identifiers: list[Detail] = field(default_factory=list)
    details: list[Detail] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    queries: list[tuple[str, str, str]] = field(default_factory=list)  # (query, parameter, value)
    light: bool = False  # a reference record no article speaks of

    @property
    def id(self) -> str:
        return self.node.id


class Views:
    """Labels, values and page contents for every entity of a site graph."""

    def __init__(self, graph: SiteGraph, ontology: Ontology):
        self.g = graph
        self.onto = ontology
        self.kinds: dict[str, str] = {}
        for iri, node in graph.nodes.items():
            kind = page_kind(node)
            if kind and (node.props.get(T.PREF_LABEL) or node.props.get(T.TITLE)):
                self.kinds[iri] = kind
        self.datasets = {iri for iri, n in graph.nodes.items() if self.kinds.get(iri) == "source" and any(t.value.endswith("/dataset") for t in n.values(T.SOURCE_TYPE))}

    # ------------------------------------------------------------ labels and values

    def label(self, iri: str) -> Text:
        node = self.g.node(iri)
        if node is None:
            return Text(record_id(iri))
        en = node.text(T.PREF_LABEL, "en") or node.text(T.TITLE, "en") or node.text(T.LITERAL_FORM)
        zh = node.text(T.PREF_LABEL, "zh") or node.text(T.TITLE, "zh")
        return Text(en, zh) if (en or zh) else Text(record_id(iri))

    def ref(self, iri: str) -> Ref:
        return Ref(record_id(iri), self.label(iri), page_href(record_id(iri)) if iri in self.kinds else "")

    def prop_label(self, prop: str) -> Text:
        term = self.onto.term(prop)
        if term is not None and term.label.any():
            return term.label
        en, zh = T.PROPERTY_LABELS.get(prop, (curie(prop), ""))
        return Text(en, zh)

    def coded(self, iri: str) -> Coded | None:
        concept = self.onto.concept(iri)
        if concept is None:
            return None
        return Coded(concept.notation, concept.label, f"vocab/{concept.scheme}.html#{concept.notation}")

    def value(self, term) -> Value:
        if term.kind == "iri":
            if term.value.startswith(RESOURCE):
                node = self.g.node(term.value)
                if node is not None and T.INSTANT in node.types:
                    date = D.instant(self.g, term.value)
                    if date is not None:
                        return When(date)
                return self.ref(term.value)
            coded = self.coded(term.value)
            if coded is not None:
                return coded
            term_doc = self.onto.term(term.value)
            if term_doc is not None:
                return Coded(term_doc.name, term_doc.label, f"ontology.html#{term_doc.anchor}")
            return Web(term.value, _web_text(term.value))
        if term.datatype in T.LITERAL_PRECISION:
            return When(D.literal(term.value, term.datatype))
        return Lit(term.value, term.lang or "")

    def values(self, node: Node, prop: str) -> list[Value]:
        return [self.value(t) for t in node.values(prop)]

    def references(self, iri: str) -> list[Reference]:
        """The quotes supporting a record, then the sources it cites without a quote (data sets)."""
        out = [Reference(self.ref(q.source), q.text, self.source_language(q.source)) for q in self.g.quotes.get(iri, ())]
        quoted = {q.source for q in self.g.quotes.get(iri, ())}
        out += [Reference(self.ref(s)) for s in self.g.sources_of(iri) if s not in quoted]
        return out

    def source_language(self, iri: str) -> str:
        node = self.g.node(iri)
        return node.text(T.DCT + "language") if node else ""

    def inferred(self, node: Node) -> list[Text]:
        return [self.prop_label(p) for p in node.iris(T.INFERRED_PROPERTY)]

    def date(self, node: Node, prop: str) -> D.Date | None:
        return D.of(self.g, node, prop)

    def when(self, node: Node, prop: str) -> list[Value]:
        found = self.date(node, prop)
        return [When(found)] if found else []

    def row(self, fact: Node, cells: list[list[Value]], sort: tuple = ()) -> Row:
        return Row(cells, self.references(fact.iri), fact.id, fact.text(T.NOTE), self.inferred(fact), sort)

    # ------------------------------------------------------------ pages

    def entity(self, iri: str) -> EntityView:
        node = self.g.nodes[iri]
        kind = self.kinds[iri]
        view = EntityView(node, kind, self.label(iri), KIND_LABELS[kind][0])
        for prop in (T.CLASSIFICATION, T.PLACE_TYPE, T.SOURCE_TYPE, T.C + "eventType", T.C + "agreementType", T.C + "programType", T.C + "documentType"):
            view.types += [v for v in self.values(node, prop) if isinstance(v, Coded)]
        self._names(view)
        self._details(view)
        view.notes = [t.value for t in node.values(T.NOTE)]
        view.references = self.references(iri)
        builders = {
            "alliance": self._alliance, "event": self._event, "agreement": self._agreement,
            "person": self._person, "source": self._source, "place": self._place,
        }
        builders.get(kind, self._organization)(view)
        self._incoming(view)
        view.timeline = self._timeline(node)
        anchors = {row.anchor for section in view.sections for row in section.rows}
        for entry in view.timeline:
            if entry.anchor not in anchors:
                entry.anchor = ""  # shown in no table here (a long list cut short, or places within)
        view.queries = live_queries(kind, view.id)
        view.light = self._is_light(view)
        return view

    def _is_light(self, view: EntityView) -> bool:
        sources = set(self.g.sources_of(view.node.iri))
        return bool(sources) and sources <= self.datasets and not view.sections and view.kind in ("institution", "place")

    def _names(self, view: EntityView) -> None:
        node = view.node
        shown = {view.label.en, view.label.zh}
        for prop in (T.PREF_LABEL, T.ALT_LABEL, T.ACRONYM):
            for t in node.values(prop):
                if t.value not in shown:
                    shown.add(t.value)
                    view.names.append(Lit(t.value, t.lang or ""))
        for hn in node.iris(T.HISTORIC_NAME_P):
            hnode = self.g.node(hn)
            if hnode is not None:
                view.historic_names.append(
                    self.row(hnode, [[Lit(hnode.text(T.LITERAL_FORM), "zh")], self.when(hnode, T.IN_USE_ON), self.when(hnode, T.REPLACED_ON_OR_BEFORE)])
                )

    def _details(self, view: EntityView) -> None:
        node = view.node
        inferred = set(node.iris(T.INFERRED_PROPERTY))
        for prop in IDENTIFIER_PROPS:
            vals = self.values(node, prop)
            if prop == T.IDENTIFIER:
                vals = [Lit(v.text) if isinstance(v, Lit) else v for v in vals]
            if vals:
                view.identifiers.append(Detail(self.prop_label(prop), vals))
        for prop in sorted(node.props, key=lambda p: (self.prop_label(p).en, p)):
            if prop in HANDLED:
                continue
            vals = self.values(node, prop)
            if vals:
                view.details.append(Detail(self.prop_label(prop), vals, prop in inferred))
        seats = node.iris(T.LOCATION) or (node.iris(T.CONTAINED_IN) if view.kind == "place" else [])
        shown = {v.id for d in view.details for v in d.values if isinstance(v, Ref)}
        provinces = sorted({p for p in (self.province_of(s) for s in seats) if p and p not in seats and p != node.iri and record_id(p) not in shown})
        if provinces:
            view.details.append(Detail(Text("province", "省级行政区"), [self.ref(p) for p in provinces]))

    def province_of(self, place: str) -> str | None:
        """The province-level division a place lies in (itself when it is one)."""
        seen = set()
        while place and place not in seen:
            seen.add(place)
            node = self.g.node(place)
            if node is None:
                return None
            if {t.value.rsplit("/", 1)[-1] for t in node.values(T.PLACE_TYPE)} & {"province", "municipality"}:
                return place
            up = node.iris(T.CONTAINED_IN)
            place = up[0] if up else None
        return None

    # --- alliances: roles over time and stated counts

    def _alliance(self, view: EntityView) -> None:
        node = view.node
        by_role: dict[str, list[Row]] = defaultdict(list)
        for m in self.facts_linking(node.iri, T.ORGANIZATION_P, T.ALLIANCE_MEMBERSHIP):
            role = self._role(m)
            holder = [self.ref(h) for h in m.iris(T.MEMBER)]
            behalf = [self.ref(o) for o in m.iris(T.ON_BEHALF_OF)] + self.values(m, T.SIDE)
            start, end = self.date(m, T.HAS_BEGINNING), self.date(m, T.HAS_END)
            ordinal = m.text(T.TERM_ORDINAL)
            row = self.row(
                m,
                [holder, behalf, [Lit(ordinal)] if ordinal else [], [When(start)] if start else [], [When(end)] if end else [], self.when(m, T.ATTESTED_ON)],
                (start.value if start else "9999", ordinal.zfill(4), _sort_text(holder)),
            )
            by_role[role.code if role else ""].append(row)
        columns = [Text("holder", "担任者"), Text("for", "代表"), Text("term", "届次"), *TERM_COLUMNS]
        for i, code in enumerate(sorted(by_role, key=_role_rank)):
            concept = self.coded(f"{T.VOCAB}alliance-role/{code}")
            title = concept.label if concept else Text(code or "role")
            rows = sorted(by_role[code], key=lambda r: r.sort)
            group = Text("Roles over time", "角色沿革") if i == 0 else None
            view.sections.append(Section(f"role-{code}", title, list(columns), rows, level=3, group=group))
        counts = []
        for c in [self.g.node(i) for i in node.iris(T.HAS_STATED_COUNT)]:
            if c is None:
                continue
            role = [self.coded(r) or self.ref(r) for r in c.iris(T.COUNTED_ROLE)]
            named = len({h for m in self.facts_linking(node.iri, T.ORGANIZATION_P, T.ALLIANCE_MEMBERSHIP) if set(m.iris(T.ROLE)) & set(c.iris(T.COUNTED_ROLE)) for h in m.iris(T.MEMBER)})
            counts.append(self.row(c, [role, [Lit(c.text(T.COUNT))], [Lit(c.text(T.COUNT_QUALIFIER))], [Lit(str(named))]], (_role_rank(role[0].code if role and isinstance(role[0], Coded) else ""),)))
        _section(view, "stated-counts", Text("Counts the articles state", "文章所述数量"),
                 [Text("role", "角色"), Text("stated", "所述数量"), Text("as the article puts it", "原文说法"), Text("named in the graph", "已列出")], counts,
                 intro=Text("How many holders of a role an article states, against how many the graph names.", "文章所述的角色数量与图谱中已列出的数量。"))

    def _role(self, m: Node) -> Coded | None:
        for r in m.iris(T.ROLE):
            coded = self.coded(r)
            if coded is not None:
                return coded
        return None

    # --- holders of roles and posts: institutions, organizations, persons

    def _memberships_held(self, view: EntityView) -> None:
        node = view.node
        rows, posts = [], []
        for m in self.facts_linking(node.iri, T.MEMBER):
            start, end = self.date(m, T.HAS_BEGINNING), self.date(m, T.HAS_END)
            role = [v for v in self.values(m, T.ROLE)] + [Lit(t.value, t.lang or "") for t in m.values(T.POST_TITLE)]
            cells = [[self.ref(o) for o in m.iris(T.ORGANIZATION_P)], role, [When(start)] if start else [], [When(end)] if end else [], self.when(m, T.ATTESTED_ON)]
            key = (start.value if start else "9999", _sort_text(cells[0]))
            if T.POST_HOLDING in m.types:
                posts.append(self.row(m, cells, key))
            else:
                behalf = [self.ref(o) for o in m.iris(T.ON_BEHALF_OF)]
                rows.append(self.row(m, cells[:2] + [behalf] + cells[2:], key))
        _section(view, "alliance-roles", Text("Roles in alliances", "联盟角色"), [Text("alliance", "联盟"), Text("role", "角色"), Text("for", "代表"), *TERM_COLUMNS], rows)
        _section(view, "posts", Text("Posts held", "任职"), [Text("organization", "机构"), Text("post", "职务"), *TERM_COLUMNS], posts)

    def _posts_in(self, view: EntityView) -> None:
        rows = []
        for m in self.facts_linking(view.node.iri, T.ORGANIZATION_P, T.POST_HOLDING):
            role = self.values(m, T.ROLE) + [Lit(t.value, t.lang or "") for t in m.values(T.POST_TITLE)]
            start = self.date(m, T.HAS_BEGINNING)
            cells = [[self.ref(p) for p in m.iris(T.MEMBER)], role, [When(start)] if start else [], self.when(m, T.HAS_END), self.when(m, T.ATTESTED_ON)]
            rows.append(self.row(m, cells, (_sort_text(cells[1]), _sort_text(cells[0]))))
        _section(view, "people", Text("People holding posts here", "在此任职的人物"), [Text("person", "人物"), Text("post", "职务"), *TERM_COLUMNS], rows)

    def _participations(self, view: EntityView) -> None:
        rows = []
        for prop in (T.PARTICIPANT, T.ON_BEHALF_OF):
            for p in self.facts_linking(view.node.iri, prop, T.PARTICIPATION):
                events = self.g.linked_from(p.iri, T.HAS_PARTICIPATION)
                date = self.date(self.g.nodes[events[0]], T.DATE) if events else None
                who = [self.ref(a) for a in p.iris(T.PARTICIPANT)] if prop == T.ON_BEHALF_OF else []
                cells = [[self.ref(e) for e in events], [When(date)] if date else [], self.values(p, T.PARTICIPATION_ROLE), who or [self.ref(o) for o in p.iris(T.ON_BEHALF_OF)]]
                rows.append(self.row(p, cells, (date.value if date else "9999", _sort_text(cells[0]))))
        _section(view, "participations", Text("Events taken part in", "参与的活动"), [Text("event", "活动"), Text("date", "日期"), Text("role", "角色"), Text("with / for", "人物 / 代表")], rows)

    def _agreements_of(self, view: EntityView) -> None:
        rows = []
        for prop in (T.PARTY, T.SIGNATORY):
            for p in self.facts_linking(view.node.iri, prop, T.AGREEMENT_PARTY):
                for a in self.g.linked_from(p.iri, T.HAS_PARTY):
                    agreement = self.g.nodes[a]
                    others = [self.ref(x) for q in agreement.iris(T.HAS_PARTY) if q in self.g.nodes for x in self.g.nodes[q].iris(T.PARTY) if x != view.node.iri]
                    date = self.date(agreement, T.DATE)
                    cells = [[self.ref(a)], [When(date)] if date else [], others, [self.ref(s) for s in p.iris(T.SIGNATORY)]]
                    rows.append(self.row(p, cells, (date.value if date else "9999", a)))
        _section(view, "agreements", Text("Agreements", "协议"), [Text("agreement", "协议"), Text("signed", "签署日期"), Text("other parties", "其他签约方"), Text("signed by", "签署人")], rows)

    def _organization(self, view: EntityView) -> None:
        self._memberships_held(view)
        self._posts_in(view)
        self._participations(view)
        self._agreements_of(view)

    def _person(self, view: EntityView) -> None:
        self._memberships_held(view)
        self._participations(view)
        self._agreements_of(view)

    # --- events and agreements: their parts

    def _event(self, view: EntityView) -> None:
        rows = []
        for p in [self.g.nodes[i] for i in view.node.iris(T.HAS_PARTICIPATION) if i in self.g.nodes]:
            cells = [[self.ref(a) for a in p.iris(T.PARTICIPANT)], self.values(p, T.PARTICIPATION_ROLE), [self.ref(o) for o in p.iris(T.ON_BEHALF_OF)], [Lit(t.value, t.lang or "") for t in p.values(T.C + "speechTitle")]]
            rows.append(self.row(p, cells, (_sort_text(cells[1]), _sort_text(cells[0]))))
        _section(view, "participants", Text("Participants", "参与者"), [Text("participant", "参与者"), Text("role", "角色"), Text("on behalf of", "代表"), Text("speech", "发言题目")], rows)

    def _agreement(self, view: EntityView) -> None:
        rows = []
        for p in [self.g.nodes[i] for i in view.node.iris(T.HAS_PARTY) if i in self.g.nodes]:
            cells = [[self.ref(x) for x in p.iris(T.PARTY)], [self.ref(s) for s in p.iris(T.SIGNATORY)]]
            rows.append(self.row(p, cells, (_sort_text(cells[0]),)))
        _section(view, "parties", Text("Parties", "签约方"), [Text("party", "签约方"), Text("signed by", "签署人")], rows)

    # --- sources: every fact that cites them

    def _source(self, view: EntityView) -> None:
        iri = view.node.iri
        lang = self.source_language(iri)
        rows = []
        for f in sorted(set(self.g.linked_from(iri, T.DERIVED_FROM))):
            fact = self.g.nodes[f]
            kind, summary, home = self.describe_fact(fact)
            quotes = [Lit(q.text, lang) for q in self.g.quotes.get(f, ()) if q.source == iri]
            shown = [Ref(home.id, Text("¶ on its page", "所在页面"), home.href)] if home and "#" in home.href else []
            rows.append(Row([[Lit(kind.en)], summary, quotes, shown], anchor=fact.id, sort=(kind.en, _sort_text(summary), f)))
        _section(view, "facts", Text("Facts citing this source", "引用此来源的事实"),
                 [Text("kind", "类别"), Text("fact", "事实"), Text("supporting quote", "原文引文"), Text("shown on", "所在页面")], rows, refs=False)

    def describe_fact(self, fact: Node) -> tuple[Text, list[Value], Ref | None]:
        """A fact in a few values (holder, role, organization ...), what kind of record it is, and the page that shows it."""
        if fact.iri in self.kinds:
            return KIND_LABELS[self.kinds[fact.iri]][0], [self.ref(fact.iri)], self.ref(fact.iri)
        if T.MEMBERSHIP in fact.types:
            orgs = fact.iris(T.ORGANIZATION_P)
            kind = Text("post", "任职") if T.POST_HOLDING in fact.types else Text("alliance role", "联盟角色")
            home = orgs[0] if T.ALLIANCE_MEMBERSHIP in fact.types and orgs else (fact.iris(T.MEMBER) or orgs or [None])[0]
            return kind, [self.ref(m) for m in fact.iris(T.MEMBER)] + self.values(fact, T.ROLE) + [self.ref(o) for o in orgs], self._anchored(home, fact)
        if T.PARTICIPATION in fact.types:
            events = self.g.linked_from(fact.iri, T.HAS_PARTICIPATION)
            return Text("participation", "参与"), [self.ref(a) for a in fact.iris(T.PARTICIPANT)] + self.values(fact, T.PARTICIPATION_ROLE) + [self.ref(e) for e in events], self._anchored(events[0] if events else None, fact)
        if T.AGREEMENT_PARTY in fact.types:
            agreements = self.g.linked_from(fact.iri, T.HAS_PARTY)
            return Text("agreement party", "协议方"), [self.ref(a) for a in fact.iris(T.PARTY)] + [self.ref(a) for a in agreements], self._anchored(agreements[0] if agreements else None, fact)
        if T.STATED_COUNT in fact.types:
            alliances = self.g.linked_from(fact.iri, T.HAS_STATED_COUNT)
            return Text("stated count", "所述数量"), [Lit(fact.text(T.COUNT)), Lit(fact.text(T.COUNT_QUALIFIER))] + [self.ref(a) for a in alliances], self._anchored(alliances[0] if alliances else None, fact)
        if T.HISTORIC_NAME in fact.types:
            owners = self.g.linked_from(fact.iri, T.HISTORIC_NAME_P)
            return Text("historic name", "曾用名"), [Lit(fact.text(T.LITERAL_FORM), "zh")] + [self.ref(o) for o in owners], self._anchored(owners[0] if owners else None, fact)
        if T.STATEMENT in fact.types:
            subjects = fact.iris(T.RDF + "subject")
            return Text("name in a data set", "数据集中的名称"), [Lit(fact.text(T.RDF + "object"))] + [self.ref(s) for s in subjects], self.ref(subjects[0]) if subjects else None
        return Text("record", "记录"), [Lit(fact.id)], None

    def _anchored(self, iri: str | None, fact: Node) -> Ref | None:
        if iri is None or iri not in self.kinds:
            return None
        ref = self.ref(iri)
        return Ref(ref.id, ref.label, f"{ref.href}#{fact.id}")

    # --- places: what lies within them

    def _place(self, view: EntityView) -> None:
        iri = view.node.iri
        within = self.g.linked_from(iri, T.CONTAINED_IN)
        seated = []
        for place in [iri, *within]:
            seated += [s for s in self.g.linked_from(place, T.LOCATION) if self.kinds.get(s) in ("institution", "joint-institute", "organization")]
        if within and seated:
            rows = []
            for s in sorted(set(seated)):
                node = self.g.nodes[s]
                rows.append(Row([[self.ref(s)], [Lit(node.text(T.IDENTIFIER))], [self.ref(p) for p in node.iris(T.LOCATION)], self.values(node, T.C + "educationLevel")], sort=(node.text(T.IDENTIFIER) or "~", s)))
            _section(view, "institutions", Text("Institutions seated here", "位于此地的机构"),
                     [Text("institution", "机构"), Text("MOE code", "学校标识码"), Text("seat", "所在地"), Text("level", "办学层次")], rows)

    # --- everything else that points at the entity

    def _incoming(self, view: EntityView) -> None:
        iri = view.node.iri
        by_prop: dict[str, list[str]] = defaultdict(list)
        for s, p in self.g.incoming.get(iri, ()):
            if s in self.kinds and p != T.DERIVED_FROM:
                by_prop[p].append(s)
        skip = {T.LOCATION, T.CONTAINED_IN} if any(s.id == "institutions" for s in view.sections) else set()
        for prop in sorted(by_prop, key=lambda p: (self._inverse_label(p).en, p)):
            if prop in skip:
                continue
            subjects = sorted(set(by_prop[prop]), key=lambda s: (self._date_key(s), self.label(s).any(), s))
            shown = subjects[:LONG_LIST]
            rows = []
            for s in shown:
                node = self.g.nodes[s]
                date = self._date_of(node)
                kinds = [KIND_LABELS[self.kinds[s]][0]]
                rows.append(Row([[self.ref(s)], [When(date)] if date else [], [Lit(k.en) for k in kinds]], self.references(s) if len(subjects) <= 60 else [], s and record_id(s)))
            more = len(subjects) - len(shown)
            intro = Text(f"{len(shown)} of {len(subjects)} shown.", f"显示 {len(subjects)} 条中的 {len(shown)} 条。") if more else Text()
            view.sections.append(Section("in-" + curie(prop).replace(":", "-"), self._inverse_label(prop), [Text("record", "记录"), Text("date", "日期"), Text("kind", "类别")], rows, intro))

    def _inverse_label(self, prop: str) -> Text:
        found = INVERSE_LABELS.get(prop)
        if found:
            return found
        label = self.prop_label(prop)
        return Text(f"Records whose {label.en} is this", f"{label.zh}为此的记录" if label.zh else "")

    def _date_of(self, node: Node) -> D.Date | None:
        for prop in (T.DATE, T.FOUNDING_DATE, T.ISSUED):
            found = self.date(node, prop)
            if found:
                return found
        return None

    def _date_key(self, iri: str) -> str:
        found = self._date_of(self.g.nodes[iri])
        return found.value if found else "9999"

    # --- the timeline

    def _timeline(self, node: Node) -> list[TimelineEntry]:
        out: list[TimelineEntry] = []

        def add(date: D.Date | None, what: Text, values: list[Value], anchor: str = "") -> None:
            if date is not None:
                out.append(TimelineEntry(date, what, values, anchor))

        for prop in (T.FOUNDING_DATE, T.DATE, T.END_DATE, T.ISSUED):
            add(self.date(node, prop), self.prop_label(prop), [])
        for hn in node.iris(T.HISTORIC_NAME_P):
            h = self.g.node(hn)
            if h is not None:
                name = [Lit(h.text(T.LITERAL_FORM), "zh")]
                add(self.date(h, T.IN_USE_ON), Text("listed under the name", "以此名称列入名单"), name)
                add(self.date(h, T.REPLACED_ON_OR_BEFORE), Text("name replaced on or before", "名称在此日期前已更改"), name)
        for s, p in self.g.incoming.get(node.iri, ()):
            fact = self.g.nodes[s]
            if T.MEMBERSHIP in fact.types:
                other = fact.iris(T.ORGANIZATION_P if p == T.MEMBER else T.MEMBER)
                what = self.values(fact, T.ROLE)
                vals = what + [self.ref(o) for o in other]
                add(self.date(fact, T.HAS_BEGINNING), Text("term begins", "任期开始"), vals, fact.id)
                add(self.date(fact, T.HAS_END), Text("term ends", "任期结束"), vals, fact.id)
                if not fact.iris(T.MEMBER_DURING):
                    add(self.date(fact, T.ATTESTED_ON), Text("reported holding", "见于报道"), vals, fact.id)
            elif T.PARTICIPATION in fact.types:
                for e in self.g.linked_from(s, T.HAS_PARTICIPATION):
                    add(self.date(self.g.nodes[e], T.DATE), Text("took part", "参与活动"), self.values(fact, T.PARTICIPATION_ROLE) + [self.ref(e)], fact.id)
            elif T.AGREEMENT_PARTY in fact.types:
                for a in self.g.linked_from(s, T.HAS_PARTY):
                    add(self.date(self.g.nodes[a], T.DATE), Text("agreement signed", "签署协议"), [self.ref(a)], fact.id)
            elif s in self.kinds and self.kinds[s] in ("event", "agreement", "program", "document", "alliance") and p not in (T.DERIVED_FROM, T.COUNTRY_P):
                add(self._date_of(fact), self._inverse_label(p), [self.ref(s)], record_id(s))
        out.sort(key=lambda e: (e.date.value, e.date.precision, e.what.en, _sort_text(e.values)))
        return out

    # ------------------------------------------------------------ helpers

    def facts_linking(self, iri: str, prop: str, cls: str | None = None) -> list[Node]:
        """The fact records (not entities) that point at ``iri`` with ``prop``, of class ``cls``."""
        out = []
        for s in self.g.linked_from(iri, prop):
            node = self.g.nodes[s]
            if s not in self.kinds and (cls is None or cls in node.types):
                out.append(node)
        return out

    def entities(self, kind: str | None = None) -> list[str]:
        return sorted(i for i, k in self.kinds.items() if kind is None or k == kind)


def _section(view: EntityView, ident: str, title: Text, columns: list[Text], rows: list[Row], **extra) -> None:
    """Add a table of ``rows`` (in their sort order) to the page, unless there are none."""
    if rows:
        view.sections.append(Section(ident, title, columns, sorted(rows, key=lambda r: r.sort), **extra))


def page_kind(node: Node) -> str | None:
    for cls, kind in KINDS:
        if cls in node.types:
            return kind
    return None


def page_href(record: str) -> str:
    return f"entity/{record}.html"


def _role_rank(code: str) -> tuple[int, str]:
    return (ROLE_ORDER.index(code) if code in ROLE_ORDER else len(ROLE_ORDER), code)


def _sort_text(values: list[Value]) -> str:
    out = []
    for v in values:
        label = getattr(v, "label", None)
        out.append(label.any() if label is not None else getattr(v, "text", "") or getattr(getattr(v, "date", None), "value", ""))
    return " ".join(out).casefold()


def _web_text(url: str) -> str:
    if url.startswith("http://www.wikidata.org/entity/"):
        return "Wikidata " + url.rsplit("/", 1)[-1]
    if url.startswith("https://ror.org/"):
        return "ROR " + url.rsplit("/", 1)[-1]
    return url


# Library queries an entity page offers to run for its entity: (kind or "*", query, parameter).
LIVE_QUERIES: tuple[tuple[str, str, str], ...] = (
    ("alliance", "alliance-members", "alliance"),
    ("alliance", "alliance-history", "alliance"),
    ("alliance", "alliance-chairs", "alliance"),
    ("alliance", "alliance-role-counts", "alliance"),
    ("institution", "institution-roles", "institution"),
    ("institution", "institution-timeline", "institution"),
    ("institution", "agreements", "party"),
    ("institution", "joint-institutes", "host"),
    ("organization", "institution-timeline", "institution"),
    ("organization", "agreement-signings", "organization"),
    ("joint-institute", "institution-timeline", "institution"),
    ("person", "person-posts", "person"),
    ("event", "event-participants", "event"),
    ("event", "agreement-signings", "event"),
    ("source", "site-quotes", "source"),
    ("source", "single-source-facts", "source"),
    ("*", "sources-of", "entity"),
    ("*", "site-statements", "subject"),
)


def live_queries(kind: str, record: str) -> list[tuple[str, str, str]]:
    return [(q, p, record) for k, q, p in LIVE_QUERIES if k in (kind, "*")]
