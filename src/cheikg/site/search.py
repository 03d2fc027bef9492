"""The search index: every entity's names in both scripts and in pinyin, as a script the search
page loads (a ``<script>`` works from file://, where a fetch of a JSON file is refused)."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

from . import terms as T
from .views import KIND_LABELS, Views, page_href

_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=None)
def pinyin(text: str) -> tuple[str, str]:
    """Toneless pinyin of the Chinese characters, spaced and as initials: 'jiang xi cai jing da xue', 'jxcjdx'."""
    from pypinyin import Style, lazy_pinyin

    syllables = [s for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore") if s.strip()]
    return " ".join(syllables), "".join(s[0] for s in syllables)


def entries(views: Views) -> list[list[str]]:
    """One entry per entity: [page, kind, English name, Chinese name, other names and pinyin to match, 1 for a
    reference record no article speaks of (listed after those the articles do)]."""
    out = []
    for iri in views.entities():
        node = views.g.nodes[iri]
        label = views.label(iri)
        names = {t.value for p in (T.PREF_LABEL, T.ALT_LABEL, T.ACRONYM, T.TITLE) for t in node.values(p)}
        for hn in node.iris(T.HISTORIC_NAME_P):
            h = views.g.node(hn)
            if h is not None:
                names.add(h.text(T.LITERAL_FORM))
        extra = set(names) - {label.en, label.zh}
        for name in names:
            if _HAN.search(name):
                spaced, initials = pinyin(name)
                extra.update({spaced, spaced.replace(" ", ""), initials})
        code = node.text(T.IDENTIFIER)
        if code:
            extra.add(code)
        extra.add(node.id)
        haystack = " ".join(sorted(unicodedata.normalize("NFKC", x).casefold() for x in extra if x))
        reference_only = 1 if set(views.g.sources_of(iri)) <= views.datasets else 0
        out.append([page_href(node.id), KIND_LABELS[views.kinds[iri]][0].en, label.en, label.zh, haystack, reference_only])
    return out


def index_script(views: Views) -> str:
    data = json.dumps(entries(views), ensure_ascii=False, separators=(",", ":"))
    return f"window.CHEIKG_SEARCH={data};\n"
