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
# forms people write that no source prints, made from the names: "Guangzhou" and 广州 for Guangzhou City
# (广州市), the initials of a name ("CUHK" for Chinese University of Hong Kong)
DERIVED = ("short-name", "initials")
RANK = {how: i for i, how in enumerate(IDENTIFIERS + NAMES + DERIVED)}
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
    curated: bool = True  # a record of data/, not a row of the reference tables: preferred where both match

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
            for how, text in (("id", e.id), *e.keys, *derived_keys(e)):
                folded = fold(text)
                if how != "id":
                    self.exact.setdefault(key_form(how, text) if how in ("ror", "wikidata", "domain") else folded, []).append((i, how, text))
                form = loose(folded, folded=True)
                if form and how != "initials":  # initials are looked up exactly: one letter off is anything
                    self.loose.setdefault(form, []).append((i, how, text))
                    pool.forms.append(form)
                    pool.owners.append((i, how, text))

    @classmethod
    def from_index(cls, index: Index, notes: dict[str, str] | None = None) -> Resolver:
        """Every entry of a build's index: its typed keys (or its names when it has none), and those of the reference entity it is."""
        out = []
        aliases: dict[str, list[str]] = {}
        for ref_id, rid in index.aliases.items():
            aliases.setdefault(rid, []).append(ref_id)
        for rid, entry in index.entries.items():
            keys = tuple(entry.keys) or tuple(("name", n) for n in entry.names)
            extra = tuple(k for k in index.claimed.get(rid, ()) if k not in keys)
            extra += tuple(("reference-id", r) for r in aliases.get(rid, ()) if ("reference-id", r) not in keys + extra)
            out.append(Entity(rid, entry.kind, keys + extra, curated=not entry.is_reference))
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
        # an identifier beats a name; an entity's own name beats another's acronym, alias or historic name, and those
        # beat a form made from a name; where a curated record and reference rows match alike, the record is meant
        # (a reference row that duplicates it: Kean College for Kean University)
        for tier in (IDENTIFIERS, ("name",), NAMES, NAMES + DERIVED):
            chosen = sorted((i for i, (how, _) in best.items() if how in tier),
                            key=lambda i: (RANK[best[i][0]], not self.entities[i].curated, self.entities[i].id))
            curated = [i for i in chosen if self.entities[i].curated]
            if len(chosen) > 1 and len(curated) == 1 and all(best[i][0] not in DERIVED for i in chosen):
                chosen = curated  # initials shared with reference rows are no sign of which is meant ('UM')
            if len(chosen) == 1 and best[chosen[0]][0] == "initials":
                # initials no source gave are a guess: 'UCL' is University College London to most readers, while only
                # the University of Central Lancashire's name in the world list makes those letters
                return Resolution(query, "suggested", (self._candidate(chosen[0], *best[chosen[0]], 100.0),))
            if len(chosen) == 1:
                return Resolution(query, "resolved", (self._candidate(chosen[0], *best[chosen[0]], 100.0),))
            if len(chosen) > 1 and tier != ("name",):
                shown = chosen[:AMBIGUOUS_SHOWN]
                more = f"{len(chosen) - len(shown)} more not shown" if len(chosen) > len(shown) else None
                return Resolution(query, "ambiguous", tuple(self._candidate(i, *best[i], 100.0) for i in shown), more)
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
            ranked = sorted(scored.items(), key=lambda kv: (not self.entities[kv[0]].curated, RANK[kv[1][1]], self.entities[kv[0]].id))[:SUGGESTIONS]
            return "suggested", tuple(self._candidate(i, how, text, score) for i, (score, how, text) in ranked)
        if _ACRONYM.match(q.strip()):
            # 'UM', 'MSU', 'AARU': an acronym is known or not; one letter off is another institution's
            return "unresolved", ()
        only_ids = bool(_ID_LIKE.match(q.strip()))  # 'tyutt', 'shanxi-alliance': a mistyped id, close to ids only
        words = form.split()
        for kind, pool in sorted(self.pools.items()):
            if wanted is not None and kind not in wanted:
                continue
            found = process.extract(form, pool.forms, scorer=fuzz.ratio, score_cutoff=SIMILARITY_CUTOFF, limit=50)
            if len(words) > 1:  # every word of the query in a longer name: 'State Council' in the State Council of the PRC
                found += [(f, CONTAINED + (100 - CONTAINED) * len(words) / len(f.split()), at)
                          for f, _s, at in process.extract(form, pool.forms, scorer=fuzz.token_set_ratio, score_cutoff=100, limit=50)
                          if set(words) <= set(f.split())]
            if len(words) == 1 and _HAN.search(form) and len(form) >= 2:  # 国务院 in 中华人民共和国国务院
                found += [(f, CONTAINED + (100 - CONTAINED) * len(form) / len(f), at) for at, f in enumerate(pool.forms) if form in f and f != form]
            for cand, score, at in found:
                i, how, text = pool.owners[at]
                if only_ids and how != "id":
                    continue
                if not _fits(words, cand.split(), person=kind == "person"):
                    continue
                if i not in scored or score > scored[i][0]:
                    scored[i] = (score, how, text)
        if not scored:
            return "unresolved", ()
        if form.isdigit():  # a code: only codes one or two digits off
            scored = {i: v for i, v in scored.items() if v[1] in IDENTIFIERS and v[0] >= 90}
            if not scored:
                return "unresolved", ()

        def weight(i: int) -> float:  # a curated record a little ahead of a reference row that scores alike
            return scored[i][0] + (CURATED_BONUS if self.entities[i].curated else 0.0)

        top = max(weight(i) for i in scored)
        ranked = sorted((i for i in scored if weight(i) >= top - NEAR_BEST),
                        key=lambda i: (-weight(i), RANK[scored[i][1]], self.entities[i].id))[:SUGGESTIONS]
        return "suggested", tuple(self._candidate(i, scored[i][1], scored[i][2], scored[i][0]) for i in ranked)

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


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]{0,6}\Z")  # 'UM', 'MSU', 'AARU'
_ID_LIKE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+\Z")  # words joined by hyphens: written as an id
CONTAINED = 86.0  # the score of a name holding every word of the query, growing to 100 as the query covers it
CURATED_BONUS = 3.0
AMBIGUOUS_SHOWN = 10
_STOP = frozenset({"of", "the", "and", "for", "in", "at", "on", "de", "la", "du", "des", "der", "und", "y", "a", "an"})
_PLACE_SUFFIXES = re.compile(r"\s+(?:city|province|municipality|district|county|prefecture|autonomous region|special administrative region)$", re.IGNORECASE)
_ZH_PLACE_SUFFIXES = re.compile(r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|市|省|区|县|盟)$")


def derived_keys(entity: Entity) -> list[Key]:
    """Forms made from an entity's names: a place's name without 'City' or 市, an institution's initials."""
    out: list[Key] = []
    names = [t for how, t in entity.keys if how in ("name", "alias")]
    if entity.kind == "place":
        for name in names:
            short = _PLACE_SUFFIXES.sub("", name) if name.isascii() else _ZH_PLACE_SUFFIXES.sub("", name)
            if short != name and len(short) >= 2:
                out.append(("short-name", short))
    elif entity.kind in ("organization", "alliance"):
        for name in names:
            words = [w for w in re.split(r"[\s,()'’-]+", name) if w and w.casefold() not in _STOP] if name.isascii() else []
            if len(words) >= 2 and all(w[0].isalpha() for w in words):
                out.append(("initials", "".join(w[0] for w in words).upper()))
    return list(dict.fromkeys(out))


def _fits(query: list[str], candidate: list[str], *, person: bool) -> bool:
    """A near miss must not lack a word of the query (the Shenzhen of 'CUHK, Shenzhen'); a person's name
    must match word for word (Li Jin is not Li Jinbi)."""
    from rapidfuzz import fuzz

    if person:
        return len(query) == len(candidate) and all(fuzz.ratio(a, b) >= SIMILARITY_CUTOFF for a, b in zip(sorted(query), sorted(candidate)))
    return all(any(fuzz.ratio(w, c) >= SIMILARITY_CUTOFF for c in candidate) for w in query if len(w) >= 4 and w not in _STOP)


def did_you_mean(index: Index, token: str, kinds: tuple[str, ...]) -> str:
    """The loaders' hint for an unknown id, from the index's resolver (passed to records_to_graph)."""
    return resolver_of(index).did_you_mean(token, kinds)


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
