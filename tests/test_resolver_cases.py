"""What curators write, resolved as they mean it (issue 14's cases, and their kind), on the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cheikg.cli import cli
from cheikg.resolver import resolve_names

DATA = Path(__file__).resolve().parent.parent / "data"

# (query, kinds, status, first candidate's id, ids that must not be among the candidates)
CASES = [
    # places by the names people write: without 'City', 市 or 'Province', in pinyin, countries by their common names
    ("guangzhou", ("place",), "resolved", "cn-440100", ()),
    ("shanghai", ("place",), "resolved", "cn-310000", ()),
    ("Kunming", ("place",), "resolved", "cn-530100", ()),
    ("Zhuhai", ("place",), "resolved", "cn-440400", ()),
    ("Shenzhen", ("place",), "resolved", "cn-440300", ()),
    ("Shantou", ("place",), "resolved", "cn-440500", ()),
    ("昆明", ("place",), "resolved", "cn-530100", ()),
    ("Kunming City", ("place",), "resolved", "cn-530100", ()),
    ("Russia", ("place",), "resolved", "ru", ()),
    ("South Korea", ("place",), "resolved", "kr", ()),
    ("Vietnam", ("place",), "resolved", "vn", ()),
    ("Jiangxi", ("place",), "resolved", "jiangxi", ()),
    ("Sydney", ("place",), "unresolved", None, ()),
    # bodies: the stored record before anything similar
    ("state-council", ("organization",), "suggested", "state-council-of-the-peoples-republic-of-china", ("britishcouncil-org",)),
    ("State Council", ("organization",), "suggested", "state-council-of-the-peoples-republic-of-china", ()),
    ("国务院", ("organization",), "suggested", "state-council-of-the-peoples-republic-of-china", ()),
    # acronyms are known or not: one letter off is another institution's
    ("AARU", ("organization",), "unresolved", None, ("association-of-african-universities",)),
    ("UM", ("organization",), "ambiguous", "university-of-manchester", ("moe-4142010929",)),
    # a stated acronym (sources-2/052 prints "MSU" for Lomonosov Moscow State University) beats the initials of
    # other names; initials alone, no source having given them, are a suggestion at most
    ("MSU", ("organization",), "resolved", "lomonosov-moscow-state-university", ("moe-4123010222",)),
    ("UCL", ("organization",), "suggested", "university-of-central-lancashire", ()),
    ("NTU", ("organization",), "ambiguous", None, ()),
    ("TYUT", ("organization",), "resolved", "tyut", ()),
    ("BIT", ("organization",), "resolved", "moe-4111010007", ()),
    ("CUHK", ("organization",), "ambiguous", "chinese-university-of-hong-kong", ()),
    # a person's name matches word for word; a typo is still a near miss
    ("Li Jin", ("person",), "unresolved", None, ("li-jinbi",)),
    ("Sang Shengbao", ("person",), "suggested", "sang-shengbo", ()),
    # a near miss may not lack a word of the query
    ("The Chinese University of Hong Kong, Shenzhen", ("organization",), "unresolved", None, ("chinese-university-of-hong-kong",)),
    ("香港中文大学（深圳）", ("organization",), "resolved", "moe-4144016407", ()),
    ("Jiangxi Univ. of Finance & Economics", ("organization",), "suggested", "jufe", ()),
    # reference rows that duplicate a curated record resolve to the record
    ("Kean College", ("organization",), "resolved", "kean-university", ()),
    ("kean.edu", ("organization",), "resolved", "kean-university", ()),
    ("Izhevsk State Technical University", ("organization",), "resolved", "kalashnikov-izhevsk-state-technical-university", ()),
    ("ITMO University", ("organization",), "resolved", "saint-petersburg-national-research-university-of-information-technologies-mechanics-and-optics", ()),
    ("Ural State University of Economics", ("organization",), "resolved", "ural-national-economic-university", ()),
    ("The Chinese University of Hong Kong", ("organization",), "resolved", "chinese-university-of-hong-kong", ()),
    ("uts-edu-au", ("organization",), "resolved", "uts", ()),
    # distinct institutions sharing a name and a country stay apart
    ("Glendale Community College", ("organization",), "ambiguous", "gccaz-edu", ()),
    ("glendale.edu", ("organization",), "resolved", "glendale-edu", ()),
]


@pytest.fixture(scope="module")
def resolutions():
    out = {}
    for kinds in sorted({c[1] for c in CASES}):
        queries = [c[0] for c in CASES if c[1] == kinds]
        for q, r in zip(queries, resolve_names(queries, DATA, kinds)):
            out[(q, kinds)] = r
    return out


@pytest.mark.parametrize("query, kinds, status, first, never", CASES, ids=[c[0] for c in CASES])
def test_resolver_case(resolutions, query, kinds, status, first, never):
    r = resolutions[(query, kinds)]
    ids = [c.id for c in r.candidates]
    assert r.status == status, (r.status, ids[:5])
    if first is not None:
        assert ids[0] == first, ids[:5]
    assert not set(never) & set(ids), ids[:5]


def test_id_parameters_resolve_names_and_refuse_unknown_ids(checkout):
    runner = CliRunner()
    result = runner.invoke(cli, ["query", "institution-roles", "--param", "institution=JUFE", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "note: institution=JUFE is 'jufe' (Jiangxi University of Finance and Economics)\n"
    assert result.stdout.splitlines()[1].startswith("res:jufe,Jiangxi University of Finance and Economics,")
    result = runner.invoke(cli, ["query", "alliance-members", "--param", "alliance=jx-scoe"])
    assert result.exit_code == 2
    assert result.stderr == ("Error: parameter 'alliance': no alliance has the id 'jx-scoe'. "
                             "Did you mean 'jx-scoe-alliance' (Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education)?\n")
    result = runner.invoke(cli, ["query", "alliance-members", "--param", "alliance=nothing-like-it-at-all"])
    assert result.exit_code == 2 and result.stderr == "Error: parameter 'alliance': no alliance has the id 'nothing-like-it-at-all'.\n"


def test_a_code_parameter_outside_its_vocabulary_is_refused_not_silently_empty(checkout):
    result = CliRunner().invoke(cli, ["query", "alliance-members", "--param", "role=chiar"])
    assert result.exit_code == 2
    assert result.stderr == ("Error: parameter 'role': 'chiar' is not a code of the alliance-role vocabulary. Did you mean 'chair' or 'co-chair'? "
                             "`cheikg vocab alliance-role` lists them\n")
