"""What a page shows for a value: a link to an entity, a coded value, a text, a date, a web address.

The templates render each kind one way (macros.html), so an IRI never reaches the
reader raw: an entity shows its names, a concept its labels, a date its precision.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import Date
from .ontology import Text


@dataclass(frozen=True)
class Ref:
    """An entity, linked to its page when it has one (href relative to the site's root)."""

    id: str
    label: Text
    href: str = ""
    kind = "ref"


@dataclass(frozen=True)
class Coded:
    """A value of a SKOS vocabulary: its labels, code and the vocabulary page."""

    code: str
    label: Text
    href: str = ""
    kind = "coded"


@dataclass(frozen=True)
class Lit:
    text: str
    lang: str = ""
    kind = "lit"


@dataclass(frozen=True)
class When:
    date: Date
    kind = "date"


@dataclass(frozen=True)
class Web:
    url: str
    text: str = ""
    kind = "web"


Value = Ref | Coded | Lit | When | Web


@dataclass(frozen=True)
class Reference:
    """A source behind a fact, with the sentence quoted from it (none for a data set's row)."""

    source: Ref
    quote: str = ""
    lang: str = ""


@dataclass
class Row:
    """One fact in a table: its cells (each a list of values), references, note and inferred parts."""

    cells: list[list[Value]]
    refs: list[Reference] = field(default_factory=list)
    anchor: str = ""
    note: str = ""
    inferred: list[Text] = field(default_factory=list)
    sort: tuple = ()


@dataclass
class Section:
    id: str
    title: Text
    columns: list[Text]
    rows: list[Row]
    intro: Text = Text()
    refs: bool = True  # a column of sources (fact tables); listings have none
    level: int = 2
    group: Text | None = None  # the heading of a group of sections this one opens
    see: Ref | None = None  # the page of what the section is about

    def __post_init__(self) -> None:
        """Columns no row has a value in are left out (an alliance whose terms have no dates)."""
        keep = [i for i in range(len(self.columns)) if any(row.cells[i] for row in self.rows)] if self.rows else list(range(len(self.columns)))
        if len(keep) < len(self.columns):
            self.columns = [self.columns[i] for i in keep]
            for row in self.rows:
                row.cells = [row.cells[i] for i in keep]


@dataclass
class Detail:
    label: Text
    values: list[Value]
    inferred: bool = False
