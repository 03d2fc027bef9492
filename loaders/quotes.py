"""Quotes checked against the articles they cite: a pure function of the records and the article texts.

A quote is the sentence of the source that supports a fact, copied verbatim. Where the article's text is at
hand (the source's ``file``, under the data directory's ``articles/`` folder or a folder the user names),
every quote citing it must appear in it, after normalising only what copying changes without changing the
words: white space and line breaks, typographic quotation marks and apostrophes, dashes, and the width of
characters (NFKC). A quote that does not is a violation naming the closest sentence of the article; a
quote too short to check anything ('x') is refused; a source whose text is not at hand gets one info.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cheikg.findings import Finding

from .records import Citation, Record

_QUOTES = str.maketrans({c: '"' for c in "“”„‟″〝〞＂«»"} | {c: "'" for c in "‘’‚‛′`´"} | {c: "-" for c in "‐‑‒–—―−﹣－"})
_SPACE = re.compile(r"\s+")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
_SENTENCE = re.compile(r"(?<=[.!?。！？;；])\s+|(?<=[。！？；])|\n+")
_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
MIN_WORDS = 2  # a quote of one Latin word ('x', 'TYUT') supports nothing a reader can check
MIN_HAN = 4


@dataclass(frozen=True)
class Article:
    """What is known of a source's text: its file as the source record names it, and the text if at hand."""

    file: str | None
    text: str | None
    where: str = ""  # the folder looked in, for messages


def normalize(text: str) -> str:
    """The form a quote and an article are compared in."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _SPACE.sub(" ", text).strip()
    return _CJK_GAP.sub("", text)


def body(raw: str) -> str:
    """An archived article's text: below its header's '---' line, where it has one."""
    head, sep, rest = raw.partition("\n---\n")
    return rest if sep and ":" in head.splitlines()[0] else raw


def too_short(quote: str) -> bool:
    words = _WORD.findall(quote)
    han = len(_HAN.findall(quote))
    return han < MIN_HAN and len([w for w in words if not _HAN.search(w)]) < MIN_WORDS


def closest_sentence(quote: str, text: str) -> str | None:
    """The sentence of ``text`` most like ``quote`` (both normalised), for the message."""
    from rapidfuzz import fuzz, process

    sentences = [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]
    if not sentences:
        return None
    # the words in common first (a quote is often a part of its sentence), then the spelling
    best = process.extractOne(normalize(quote), [normalize(s) for s in sentences], scorer=lambda a, b, **_: fuzz.token_set_ratio(a, b) + fuzz.ratio(a, b) / 100)
    return sentences[best[2]] if best else None


def check_quotes(records: Iterable[Record], articles: Mapping[str, Article]) -> list[Finding]:
    """Findings for the quotes of ``records`` (and their nested records) that the cited article lacks."""
    out: list[Finding] = []
    normalized: dict[str, str] = {}
    told: set[str] = set()
    for rec in records:
        for owner, index, cit in _citations(rec):
            if not cit.quote:
                continue
            path = cit.path or owner.path
            field = owner.prefix + (f"sources[{index}].quote" if index is not None else "quote")
            line, col = cit.line, cit.column
            if too_short(cit.quote):
                out.append(Finding(path, line, f"'{cit.quote}' is too short to support a fact: copy the whole sentence of the source that states it",
                                   record=owner.top.id, field=field, column=col, rule="record/quote", value=cit.quote))
                continue
            article = articles.get(cit.source)
            if article is None:
                continue  # an unknown source is reported where the reference is checked
            if article.text is None:
                if cit.source not in told:
                    told.add(cit.source)
                    where = f"its file {article.file} is not in {article.where}" if article.file else "it names no file (the archived copy of its text)"
                    out.append(Finding(path, line, f"the quotes citing '{cit.source}' are not checked: {where}", record=owner.top.id, field=field,
                                       column=col, severity="info", rule="record/quote-unchecked", value=cit.source))
                continue
            text = normalized.get(cit.source)
            if text is None:
                text = normalized[cit.source] = normalize(article.text)
            if normalize(cit.quote) in text:
                continue
            near = closest_sentence(cit.quote, article.text)
            hint = f"; the closest sentence there is \"{normalize(near)}\"" if near else ""
            out.append(Finding(path, line, f"the quote is not in the text of '{cit.source}' ({article.file}){hint}. Copy the sentence verbatim: "
                               "only white space, quotation marks, apostrophes and dashes may differ",
                               record=owner.top.id, field=field, column=col, rule="record/quote", value=cit.quote))
    return out


def _citations(rec: Record):
    """(the record or nested record, the citation's index in 'sources' or None for source/quote, the citation)."""
    cites: list[Citation] = rec.values.get("sources") or []  # type: ignore[assignment]
    single = "source" in rec.positions and len(cites) == 1
    for i, cit in enumerate(cites, 1):
        yield rec, None if single else i, cit
    for value in rec.values.values():
        if isinstance(value, list):
            for item in value:
                if isinstance(item, Record):
                    yield from _citations(item)
