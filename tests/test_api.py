"""The Python API: typed values, DataFrames with real dtypes, errors that speak Python, exports; the README's API section run as written."""

from __future__ import annotations

import datetime as dt
import doctest
import re
import shutil
import stat
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from cheikg.api import ArgumentError, ArgumentValueError, KnowledgeGraph, UnknownQueryError
from cheikg.cli import cli
from cheikg.errors import BuildMissingError, CheikgError
from cheikg.queries.results import IRI, Answer, BlankNode, Date, Term

ROOT = Path(__file__).resolve().parent.parent
XSD = "http://www.w3.org/2001/XMLSchema#"


def test_terms_become_python_values():
    def value(lexical, datatype=None, kind="literal", lang=None):
        return Term(kind, lexical, datatype, lang).to_python()

    assert value("https://w3id.org/cheikg/resource/jufe", kind="iri") == IRI("https://w3id.org/cheikg/resource/jufe")
    assert value("https://w3id.org/cheikg/resource/jufe", kind="iri").compact == "res:jufe"
    assert type(value("b0", kind="bnode")) is BlankNode
    assert value("42", XSD + "integer") == 42 and type(value("42", XSD + "integer")) is int
    assert value("7", XSD + "nonNegativeInteger") == 7
    assert value("0.50", XSD + "decimal") == Decimal("0.50")
    assert value("1.5E2", XSD + "double") == 150.0
    assert value("true", XSD + "boolean") is True and value("0", XSD + "boolean") is False
    assert value("2025-11-18", XSD + "date") == dt.date(2025, 11, 18)
    assert value("2025-11", XSD + "gYearMonth") == Date(2025, 11, 1, precision="month")
    assert value("2025", XSD + "gYear").precision == "year"
    assert value("2025-11-18T09:30:00", XSD + "dateTime") == dt.datetime(2025, 11, 18, 9, 30)
    assert value("江西财经大学", lang="zh") == "江西财经大学"
    assert value("4136010421", "https://w3id.org/cheikg/ontology#MOECode") == "4136010421"
    # a literal not of its datatype stays its text rather than failing the whole answer
    assert value("soon", XSD + "date") == "soon" and value("many", XSD + "integer") == "many"


def test_a_date_keeps_its_precision_as_recorded():
    month = Date(2025, 11, 1, precision="month")
    assert isinstance(month, dt.date)
    assert (str(month), month.isoformat(), month.precision) == ("2025-11", "2025-11-01", "month")
    assert month == dt.date(2025, 11, 1) and month < dt.date(2025, 11, 2)
    assert repr(Date(2011, 1, 1, precision="year")) == "Date(2011, 1, 1, precision='year')"
    with pytest.raises(ValueError, match="precision must be one of year, month, day"):
        Date(2025, 1, 1, precision="week")


def test_a_date_column_takes_its_precision_from_its_companion_column():
    date = lambda s: Term("literal", s, XSD + "date")  # noqa: E731
    text = lambda s: Term("literal", s)  # noqa: E731
    answer = Answer(
        ("start", "precision", "end", "endPrecision", "other", "eventDate", "eventPrecision"),
        ((date("2025-11-01"), text("month"), date("2026-01-01"), text("year"), date("2025-01-02"), date("2019-01-01"), text("year")),
         (date("2025-11-12"), text("day"), None, None, None, None, None)),
    )
    first, second = answer
    assert (str(first["start"]), str(first["end"]), str(first["other"]), str(first["eventDate"])) == ("2025-11", "2026", "2025-01-02", "2019")
    assert first["other"].precision == "day"
    assert second["start"].precision == "day" and second["end"] is None


def test_answers_are_sequences_of_rows(seed_kg):
    answer = seed_kg.query("alliance-chairs", alliance="shanxi-isea")
    assert len(answer) == 2 and bool(answer)
    assert [row["holderLabel"] for row in answer] == ["Sang Shengbo", "Taiyuan University of Technology"]
    tyut = answer[1]
    assert tyut["holder"] == IRI("https://w3id.org/cheikg/resource/tyut") and tyut["holder"].compact == "res:tyut"
    assert tyut["start"] == Date(2025, 11, 12, precision="day")
    assert (tyut["term"], tyut["inferred"], tyut["end"]) == (1, True, None)
    assert answer.terms[1][answer.columns.index("term")] == Term("literal", "1", XSD + "integer")


def test_the_older_shapes_warn_that_they_are_deprecated(seed_kg):
    answer = seed_kg.query("alliance-chairs", alliance="shanxi-isea")
    with pytest.deprecated_call(match="Answer.rows is deprecated"):
        assert answer.rows == answer.terms
    with pytest.deprecated_call(match=r"Answer.records\(\) is deprecated"):
        assert answer.records()[1]["holder"] == "res:tyut"


def test_dataframe_has_dates_booleans_and_nullable_integers(seed_kg):
    df = seed_kg.dataframe("alliance-chairs")
    dtypes = {c: str(t) for c, t in df.dtypes.items()}
    assert dtypes["start"] == "datetime64[s]"
    assert dtypes["inferred"] == "boolean" and dtypes["startInferred"] == "boolean"
    assert dtypes["term"] == "Int64"
    assert dtypes["role"] == "category" and dtypes["precision"] == "category"
    assert dtypes["holder"] == "string" and dtypes["holderLabel"] == "string"
    tyut = df[df["holderLabel"] == "Taiyuan University of Technology"].iloc[0]
    assert tyut["start"] == dt.datetime(2025, 11, 12) and tyut["term"] == 1 and bool(tyut["inferred"]) is True
    assert df["term"].isna().sum() == len(df) - 1


def test_api_errors_speak_python(seed_kg):
    with pytest.raises(ArgumentError) as e:
        seed_kg.query("alliance-chairs", colour="red")
    assert isinstance(e.value, TypeError) and isinstance(e.value, CheikgError)
    assert str(e.value) == "query('alliance-chairs') got an unexpected keyword argument 'colour'. Its arguments: alliance, date"
    with pytest.raises(TypeError, match=r"^query\('institution-timeline'\) missing required keyword argument 'institution': the institution"):
        seed_kg.query("institution-timeline")
    with pytest.raises(ArgumentError, match=r"^query\('alliance-chairs'\): argument 'alliance' takes one value, not 2$"):
        seed_kg.query("alliance-chairs", alliance=["jx-scoe-alliance", "shanxi-isea"])
    with pytest.raises(ValueError) as e:
        seed_kg.query("alliance-chairs", date="2025-13-01")
    assert isinstance(e.value, ArgumentValueError)
    assert str(e.value).startswith("query('alliance-chairs'): argument 'date': '2025-13-01' is not a real date: there is no month 13")
    with pytest.raises(KeyError) as e:
        seed_kg.query("alliance-chair")
    assert isinstance(e.value, UnknownQueryError)
    assert str(e.value) == "no query is named 'alliance-chair'. Did you mean 'alliance-chairs' or 'alliance-history' or 'alliances'? KnowledgeGraph.queries() lists them"
    for message in (str(e.value),):
        assert "--param" not in message and "cheikg query" not in message


def test_python_values_are_accepted_as_arguments(seed_kg):
    by_text = seed_kg.query("role-holders-on", date="2025-12-01", role=["chair", "rotating-chair"])
    by_value = seed_kg.query("role-holders-on", date=dt.date(2025, 12, 1), role=("chair", "rotating-chair"))
    assert by_text == by_value and len(by_value) == 3
    assert seed_kg.query("alliance-chairs", alliance=IRI("https://w3id.org/cheikg/resource/shanxi-isea")) == seed_kg.query("alliance-chairs", alliance="shanxi-isea")
    with pytest.raises(ArgumentValueError, match="give a date, not a date and time"):
        seed_kg.query("role-holders-on", date=dt.datetime(2025, 12, 1, 8, 0))


def test_export_returns_the_text_the_cli_writes(checkout):
    kg = KnowledgeGraph.open()
    for fmt in ("turtle", "nt"):
        text = kg.export(fmt)
        assert isinstance(text, str)
        result = CliRunner().invoke(cli, ["export", "--format", fmt, "-o", f"out.{fmt}"])
        assert result.exit_code == 0, result.output
        assert (checkout / f"out.{fmt}").read_bytes() == text.encode("utf-8")
    with pytest.raises(ArgumentValueError, match=r"^export\(\): unknown format 'rdfxml'; choose one of 'turtle', 'nt', 'jsonld', 'trig'$"):
        kg.export("rdfxml")


def test_open_refuses_a_build_folder_that_does_not_exist(checkout):
    with pytest.raises(BuildMissingError) as e:
        KnowledgeGraph.open(build="no-such-build")
    assert str(e.value) == "the build directory no-such-build does not exist; build into it first (cheikg build --build no-such-build), or leave out --build"
    assert not (checkout / "no-such-build").exists()


@pytest.mark.parametrize("command", [["export", "--format", "nt", "-o", "out/kg.nt"], ["network", "export", "-o", "out/kg.graphml"]])
def test_exported_files_have_the_usual_permissions(checkout, command):
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.output
    written = checkout / command[-1]
    assert stat.S_IMODE(written.stat().st_mode) == 0o644  # 0666 less the default umask 022
    written.chmod(0o600)  # a file replaced keeps its owner's choice
    assert CliRunner().invoke(cli, command).exit_code == 0
    assert stat.S_IMODE(written.stat().st_mode) == 0o600


def test_written_files_follow_the_umask(tmp_path):
    import os

    from cheikg.atomic import write_atomic

    old = os.umask(0o077)
    try:
        write_atomic(tmp_path / "private.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "private.txt").stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["private.txt"]


def _readme_api_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- api:begin -->\n```pycon\n(.*?)```\n<!-- api:end -->", text, re.S)
    assert block, "README.md has no API section between <!-- api:begin --> and <!-- api:end -->"
    return block.group(1)


def test_the_readme_api_section_runs_as_written(tmp_path, monkeypatch):
    """Every line of README.md's Python API section, with the output it shows, on the shipped records."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CHEIKG_DATA", raising=False)
    monkeypatch.delenv("CHEIKG_BUILD", raising=False)
    test = doctest.DocTestParser().get_doctest(_readme_api_section(), {}, "README.md#python-api", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    out: list[str] = []
    runner.run(test, out=out.append)
    assert runner.failures == 0, "".join(out)
    skipped = sum(1 for e in test.examples if e.options.get(doctest.SKIP))
    assert runner.tries == len(test.examples) - skipped == 15
