"""Names to entities: one resolver for `cheikg resolve`, the loaders' "did you mean" and `validate`.

A name resolves when it is, exactly, an id, an MOE code, a ROR id, a Wikidata
item, a web domain, or a name, acronym, alias or historic name of one entity,
in either language and in simplified or traditional characters (OpenCC's
traditional-to-simplified conversion, NFKC for full-width forms, case folded).
Two entities sharing the name (an acronym used by two universities) make it
*ambiguous*: both are candidates, neither is chosen.  Anything else is looked
up loosely (punctuation dropped, "&" read as "and", "Univ." as "University")
and by similarity (rapidfuzz's ratio): those candidates are *suggested*, never
chosen.

Statuses: ``resolved`` (one entity), ``ambiguous`` (several exact matches),
``suggested`` (near misses only), ``unresolved`` (nothing close).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cheikg.loaders.graph import Index
from cheikg.loaders.reference import Key, former_institutions

IDENTIFIERS = ("id", "reference-id", "moe-code", "ror", "wikidata", "domain", "division-code", "country-code")
NAMES = ("name", "historic-name", "alias", "acronym")
RANK = {how: i for i, how in enumerate(IDENTIFIERS + NAMES)}
STATUSES = ("resolved", "ambiguous", "suggested", "unresolved")
SIMILARITY_CUTOFF = 80.0  # rapidfuzz ratio (0-100) of the loose forms: 'tyutt'~'tyut' 89, '太原理工'~'太原理工大学' 80
SUGGESTIONS = 5
NEAR_BEST = 8.0  # near misses shown: those within this many points of the best one

_ROR = re.compile(r"^(?:https?://)?(?:www\.)?ror\.org/(0[a-z0-9]{8})/?\Z", re.IGNORECASE)
_WIKIDATA = re.compile(r"^(?:https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/|wd:)?(Q[0-9]+)\Z", re.IGNORECASE)
_URL = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[:/].*)?\Z", re.IGNORECASE)
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACE = re.compile(r"\s+")
_HAN = re.compile("[\u2e80-\U0010ffff]")  # CJK and beyond: worth OpenCC's look-up
# common abbreviations of words in institution names, read as the full word by the loose comparison
ABBREVIATIONS = {
    "univ": "university", "uni": "university", "u": "university", "inst": "institute", "tech": "technology",
    "coll": "college", "sci": "science", "natl": "national", "intl": "international", "acad": "academy",
    "med": "medical", "norm": "normal", "poly": "polytechnic",
}


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """The exact-match form: NFKC (full-width letters, digits and brackets), simplified characters, case folded, one space."""
    text = unicodedata.normalize("NFKC", text)
    if _HAN.search(text):
        text = _t2s().convert(text)
    return _SPACE.sub(" ", text.casefold()).strip()


def loose(text: str, folded: bool = False) -> str:
    """The near-miss form: folded, '&' as 'and', punctuation dropped, abbreviations spelled out."""
    text = (text if folded else fold(text)).replace("&", " and ")
    words = _PUNCT.sub(" ", text).split()
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)


def identifier_forms(query: str) -> set[str]:
    """The folded forms a query takes as an identifier: a ROR URL as its bare id, a Wikidata URL as its item, a URL as its host."""
    q = unicodedata.normalize("NFKC", query).strip()
    forms = {fold(q)}
    m = _ROR.match(q)
    if m:
        forms.add(m.group(1).lower())
    m = _WIKIDATA.match(q)
    if m:
        forms.add(m.group(1).casefold())
    m = _URL.match(q)
    if m and not q.replace(".", "").isdigit():
        forms.add(m.group(1).lower())
    return forms


def key_form(how: str, text: str) -> str:
    """How a key is filed for exact lookup (identifiers in their bare form)."""
    if how == "ror":
        m = _ROR.match(text)
        return m.group(1).lower() if m else fold(text)
    if how == "wikidata":
        m = _WIKIDATA.match(text)
        return m.group(1).casefold() if m else fold(text)
    if how == "domain":
        m = _URL.match(text)
        return m.group(1).lower() if m else fold(text)
    return fold(text)


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str
    keys: tuple[Key, ...]

    @property
    def label(self) -> str:
        names = [t for h, t in self.keys if h == "name"]
        english = [t for t in names if t.isascii()]
        return (english or names or [self.id])[0]

    @property
    def label_zh(self) -> str | None:
        return next((t for h, t in self.keys if h == "name" and not t.isascii()), None)

    def code(self, how: str) -> str | None:
        return next((t for h, t in self.keys if h == how), None)


@dataclass(frozen=True)
class Candidate:
    id: str
    kind: str
    label: str
    label_zh: str | None
    moe_code: str | None
    how: str  # the kind of key that matched (id, moe-code, name, acronym, ...)
    matched: str  # the key's text
    score: float  # 100 for an exact match; the similarity of a near miss

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "label": self.label, "labelZh": self.label_zh, "moeCode": self.moe_code,
                "how": self.how, "matched": self.matched, "score": round(self.score, 1)}


@dataclass(frozen=True)
class Resolution:
    query: str
    status: str
    candidates: tuple[Candidate, ...] = ()
    note: str | None = None  # why nothing resolves, when the reference data knows (a code no longer listed)

    @property
    def entity(self) -> Candidate | None:
        return self.candidates[0] if self.status == "resolved" else None

    def to_json(self) -> dict:
        return {"query": self.query, "status": self.status, "candidates": [c.to_json() for c in self.candidates], "note": self.note}


@dataclass
class _Pool:
    """The loose forms of one kind's keys, for similarity search."""

    forms: list[str] = field(default_factory=list)
    owners: list[tuple[int, str, str]] = field(default_factory=list)  # (entity index, how, text)


class Resolver:
    def __init__(self, entities: Iterable[Entity], notes: dict[str, str] | None = None):
        self.entities: list[Entity] = sorted(entities, key=lambda e: e.id)
        self.notes = {fold(k): v for k, v in (notes or {}).items()}  # names and codes known to be gone, and why
        self.by_id = {e.id: i for i, e in enumerate(self.entities)}
        self.exact: dict[str, list[tuple[int, str, str]]] = {}
        self.loose: dict[str, list[tuple[int, str, str]]] = {}
        self.pools: dict[str, _Pool] = {}
        for i, e in enumerate(self.entities):
            pool = self.pools.setdefault(e.kind, _Pool())
            for how, text in (("id", e.id), *e.keys):
                folded = fold(text)
                if how != "id":
                    self.exact.setdefault(key_form(how, text) if how in ("ror", "wikidata", "domain") else folded, []).append((i, how, text))
                form = loose(folded, folded=True)
                if form:
                    self.loose.setdefault(form, []).append((i, how, text))
                    pool.forms.append(form)
                    pool.owners.append((i, how, text))

    @classmethod
    def from_index(cls, index: Index, notes: dict[str, str] | None = None) -> Resolver:
        """Every entry of a build's index: its typed keys (or its names when it has none), and those of the reference entity it is."""
        out = []
        for rid, entry in index.entries.items():
            keys = tuple(entry.keys) or tuple(("name", n) for n in entry.names)
            extra = tuple(k for k in index.claimed.get(rid, ()) if k not in keys)
            out.append(Entity(rid, entry.kind, keys + extra))
        return cls(out, notes)

    # -- resolving

    def _candidate(self, i: int, how: str, text: str, score: float) -> Candidate:
        e = self.entities[i]
        return Candidate(e.id, e.kind, e.label, e.label_zh, e.code("moe-code"), how, text, score)

    def resolve(self, query: str, kinds: Iterable[str] | None = None) -> Resolution:
        """The entity a name stands for, or why not: ambiguous, suggested near misses, unresolved."""
        wanted = set(kinds) if kinds else None

        def ok(i: int) -> bool:
            return wanted is None or self.entities[i].kind in wanted

        q = query.strip()
        if q in self.by_id and ok(self.by_id[q]):
            i = self.by_id[q]
            return Resolution(query, "resolved", (self._candidate(i, "id", q, 100.0),))
        best: dict[int, tuple[str, str]] = {}
        for form in identifier_forms(q):
            for i, how, text in self.exact.get(form, []):
                if ok(i) and (i not in best or RANK[how] < RANK[best[i][0]]):
                    best[i] = (how, text)
        # an identifier beats a name; an entity's own name beats another's acronym, alias or historic name
        for tier in (IDENTIFIERS, ("name",), NAMES):
            chosen = sorted((i for i, (how, _) in best.items() if how in tier), key=lambda i: (RANK[best[i][0]], self.entities[i].id))
            if len(chosen) == 1:
                return Resolution(query, "resolved", (self._candidate(chosen[0], *best[chosen[0]], 100.0),))
            if len(chosen) > 1 and tier != ("name",):
                return Resolution(query, "ambiguous", tuple(self._candidate(i, *best[i], 100.0) for i in chosen))
        note = next((self.notes[f] for f in identifier_forms(q) if f in self.notes), None)
        if note is not None:
            return Resolution(query, "unresolved", (), note)
        return Resolution(query, *self._near(q, wanted))

    def _near(self, q: str, wanted: set[str] | None) -> tuple[str, tuple[Candidate, ...]]:
        from rapidfuzz import fuzz, process

        form = loose(q)
        if not form:
            return "unresolved", ()
        scored: dict[int, tuple[float, str, str]] = {}
        for i, how, text in self.loose.get(form, []):
            if wanted is None or self.entities[i].kind in wanted:
                scored.setdefault(i, (100.0, how, text))
        if scored:  # the same words written otherwise ('Univ.', '&'): those, not every similar name
            ranked = sorted(scored.items(), key=lambda kv: (RANK[kv[1][1]], self.entities[kv[0]].id))[:SUGGESTIONS]
            return "suggested", tuple(self._candidate(i, how, text, score) for i, (score, how, text) in ranked)
        for kind, pool in sorted(self.pools.items()):
            if wanted is not None and kind not in wanted:
                continue
            for _form, score, at in process.extract(form, pool.forms, scorer=fuzz.ratio, score_cutoff=SIMILARITY_CUTOFF, limit=50):
                i, how, text = pool.owners[at]
                if i not in scored or score > scored[i][0]:
                    scored[i] = (score, how, text)
        if not scored:
            return "unresolved", ()
        if form.isdigit():  # a code: only codes one or two digits off
            scored = {i: v for i, v in scored.items() if v[1] in IDENTIFIERS and v[0] >= 90}
            if not scored:
                return "unresolved", ()
        top = max(score for score, _, _ in scored.values())
        ranked = sorted(((i, v) for i, v in scored.items() if v[0] >= top - NEAR_BEST),
                        key=lambda kv: (-kv[1][0], RANK[kv[1][1]], self.entities[kv[0]].id))[:SUGGESTIONS]
        return "suggested", tuple(self._candidate(i, how, text, score) for i, (score, how, text) in ranked)

    def did_you_mean(self, token: str, kinds: Iterable[str], limit: int = 3) -> str:
        """' Did you mean 'tyut' (Taiyuan University of Technology)?' for an unknown reference, or ''."""
        kinds = tuple(kinds)
        found = self.resolve(token, kinds)
        shown = [f"'{c.id}' ({c.label})" if c.label != c.id else f"'{c.id}'" for c in found.candidates[:limit]]
        if not shown:  # a mistyped id ('shanxi-alliance' for 'shanxi-isea') is close as an id, not as a name
            import difflib

            ids = difflib.get_close_matches(token, [e.id for e in self.entities if e.kind in kinds], n=limit, cutoff=0.6)
            labels = {i: self.entities[self.by_id[i]].label for i in ids}
            shown = [f"'{i}' ({labels[i]})" if labels[i] and labels[i] != i else f"'{i}'" for i in ids]
        return (" Did you mean " + " or ".join(shown) + "?") if shown else ""


def resolver_of(index: Index) -> Resolver:
    """The index's resolver, made once per index (an index does not change once built)."""
    cached = index.__dict__.get("_resolver")
    if cached is None:
        cached = index.__dict__["_resolver"] = Resolver.from_index(index)
    return cached


def resolve_names(names: list[str], data_dir: Path, kinds: Iterable[str] | None = ("organization",)) -> list[Resolution]:
    """Resolve each name against the records of ``data_dir`` and its reference tables."""
    from .build import fingerprint

    resolver = _directory_resolver(data_dir.resolve(), fingerprint(data_dir))
    return [resolver.resolve(name, kinds) for name in names]


@lru_cache(maxsize=2)
def _directory_resolver(data_dir: Path, stamp: str) -> Resolver:
    """The resolver of a data directory's records and reference tables (made again when a file changes: ``stamp``)."""
    from .build import directory_index, read_reference, reference_tables

    tables, _ = read_reference(reference_tables(data_dir))
    notes = {}
    for code, (name, date) in sorted(former_institutions(tables).items()):
        why = f"{name} ({code}) is on the MOE list of {date} but not on the 2025 list: merged or upgraded under another code"
        notes[code] = notes[name] = why
    return Resolver.from_index(directory_index(data_dir), notes)
