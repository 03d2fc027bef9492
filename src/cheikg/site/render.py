"""Values to HTML: an entity as a link with its names in both languages, a coded value with its
labels, a date at its precision with its inferred parts, a quote with its language.

These are the innermost pieces of every page, rendered thousands of times: plain Python with
one cache per page depth is ten times faster than template macros, and escapes the same way.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from .dates import Date
from .ontology import Text
from .values import Reference, Value


# runs of Chinese characters (with the CJK punctuation between them) inside English text
_HAN_RUN = re.compile("[\u3400-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]*")


def mixed(text: str) -> Markup:
    """Text in English that may hold Chinese words, each Chinese run marked lang="zh" for screen readers and fonts."""
    return Markup(_HAN_RUN.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', str(escape(text))))


class Renderer:
    """Renders values for pages at one depth (``root`` is the relative path to the site's root)."""

    def __init__(self, root: str):
        self.root = root
        self._cache: dict[object, Markup] = {}

    def bi(self, t: Text) -> Markup:
        parts = []
        if t.en:
            parts.append(f'<span class="en">{escape(t.en)}</span>')
        if t.zh:
            parts.append(f'<span class="zh" lang="zh">{escape(t.zh)}</span>')
        return Markup(" ".join(parts))

    def date(self, d: Date) -> Markup:
        out = f'<time datetime="{d.text}" class="date {d.precision}" title="precision: {d.precision}">{d.text}</time>'
        if d.inferred:
            note = f' title="{escape(d.note)}"' if d.note else ""
            out += f' <span class="inferred"{note}>({escape(d.inferred_text)} inferred <span lang="zh">{d.inferred_zh}推断</span>)</span>'
        return Markup(out)

    def value(self, v: Value) -> Markup:
        found = self._cache.get(v)
        if found is not None:
            return found
        kind = v.kind
        if kind == "ref":
            inner = self.bi(v.label)
            out = Markup(f'<a href="{self.root}{escape(v.href)}">{inner}</a>') if v.href else inner
        elif kind == "coded":
            out = Markup(f'<a class="coded" href="{self.root}{escape(v.href)}" title="code: {escape(v.code)}">{self.bi(v.label)}</a>')
        elif kind == "date":
            out = self.date(v.date)
        elif kind == "web":
            # only web addresses become links: a value such as javascript:... stays text
            text = escape(v.text or v.url)
            out = Markup(f'<a class="web" href="{escape(v.url)}">{text}</a>') if v.url.startswith(("http://", "https://")) else text
        elif v.lang:
            out = Markup(f'<span lang="{escape(v.lang)}">{escape(v.text)}</span>')
        else:
            out = mixed(v.text)
        self._cache[v] = out
        return out

    def values(self, vs: list[Value]) -> Markup:
        return Markup("; ").join(self.value(v) for v in vs)

    def quote(self, r: Reference) -> Markup:
        out = self.value(r.source)
        if r.quote:
            lang = f' lang="{escape(r.lang)}"' if r.lang else ""
            out += Markup(f": <q{lang}>{escape(r.quote) if r.lang == 'zh' else mixed(r.quote)}</q>")
        return out

    mixed = staticmethod(mixed)

    def references(self, refs: list[Reference]) -> Markup:
        if not refs:
            return Markup('<span class="none">none recorded</span>')
        items = "".join(f"<li>{self.quote(r)}</li>" for r in refs)
        plural = "s" if len(refs) != 1 else ""
        return Markup(f'<details class="refs"><summary>{len(refs)} reference{plural}</summary><ol>{items}</ol></details>')
