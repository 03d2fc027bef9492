"""The alliances of a world region, and the institutions whose alliances reach several regions.

Regions are the UN M49 regions of data/reference/regions.csv (Kazakhstan in Central Asia, Russia in
Eastern Europe, Thailand in South-eastern Asia, Kenya in Eastern Africa, Hong Kong and China in
Eastern Asia). The questions are asked of the seed records plus MADE_UP, records written for these
tests only (none is a real fact): two alliances whose scope, seat and members reach those regions.
The seed alliances (Shanxi, Jiangxi) are Chinese only: scope a province, members Chinese.
"""

from __future__ import annotations

import pytest

from cheikg.api import KnowledgeGraph
from cheikg.build import compile_records, record_files, reference_tables
from cheikg.errors import QueryError
from cheikg.export import to_ntriples

from conftest import texts

MADE_UP = """
sources:
  - id: test-report-regions
    title: {en: Made-up report on regions}
    type: news-article

alliances:
  - id: test-central-asia-alliance
    name: {en: Made-up Central Asia Alliance, zh: 虚构中亚联盟}
    scope: [cn, m49-central-asia]
    place: cn-650100
    source: test-report-regions
    quote: made-up sentence
  - id: test-silk-alliance
    name: {zh: 虚构丝路联盟}
    source: test-report-regions
    quote: made-up sentence

memberships:
  - {id: test-r-tyut-chair, member: tyut, organization: test-central-asia-alliance, role: chair, source: test-report-regions, quote: made-up sentence}
  - {id: test-r-kaznu-co-chair, member: kaznu-kz, organization: test-central-asia-alliance, role: co-chair, source: test-report-regions, quote: made-up sentence}
  - {id: test-r-jufe-secretariat, member: jufe, organization: test-central-asia-alliance, role: secretariat-host, source: test-report-regions, quote: made-up sentence}
  - {id: test-r-sang-secretary, member: sang-shengbo, organization: test-central-asia-alliance, role: secretary-general, source: test-report-regions, quote: made-up sentence}
  - {id: test-r-tyut-silk, member: tyut, organization: test-silk-alliance, role: member, source: test-report-regions, quote: made-up sentence}
  - {id: test-r-msu-silk, member: msu-ru, organization: test-silk-alliance, role: member, source: test-report-regions, quote: made-up sentence}
  - {id: test-r-chula-silk, member: chula-ac-th, organization: test-silk-alliance, role: member, source: test-report-regions, quote: made-up sentence}
  - {id: test-r-nairobi-silk, member: uonbi-ac-ke, organization: test-silk-alliance, role: rotating-chair, source: test-report-regions, quote: made-up sentence}
  - {id: test-r-hku-silk, member: hku-hk, organization: test-silk-alliance, role: member, source: test-report-regions, quote: made-up sentence}
  - {id: test-r-ncu-silk, member: nanchang-university, organization: test-silk-alliance, role: secretariat-host, source: test-report-regions, quote: made-up sentence}
"""

CENTRAL_ASIA_ROW = {
    "alliance": "res:test-central-asia-alliance", "allianceLabel": "Made-up Central Asia Alliance", "allianceLabelZh": "虚构中亚联盟",
    "ties": "member | scope",  # KazNU is of Kazakhstan; the scope names the region itself (in no country)
    "countries": "Central Asia | Kazakhstan",
    "chairs": "Al-Farabi Kazakh National University (co-chair) | Taiyuan University of Technology (chair)",
    "secretariats": "Jiangxi University of Finance and Economics (secretariat-host) | Sang Shengbo (secretary-general)",
}
SILK_ROW = {
    "alliance": "res:test-silk-alliance", "allianceLabel": "虚构丝路联盟", "allianceLabelZh": "虚构丝路联盟",  # no English name: the Chinese one
    "ties": "member", "countries": "Russian Federation", "chairs": "University of Nairobi (rotating-chair)",
    "secretariats": "Nanchang University (secretariat-host)",
}


@pytest.fixture(scope="module")
def regions_kg(tmp_path_factory, seed_data) -> KnowledgeGraph:
    path = tmp_path_factory.mktemp("records") / "made-up-regions.yaml"
    path.write_text(MADE_UP, encoding="utf-8")
    compiled = compile_records([*record_files(seed_data), path], reference=reference_tables(seed_data))
    assert compiled.findings == []
    return KnowledgeGraph.in_memory(to_ntriples(compiled.graph).encode())


def rows(kg: KnowledgeGraph, name: str, **params) -> list[dict]:
    return texts(kg.query(name, **params))


def pick(records: list[dict], *cols: str) -> list[tuple]:
    return [tuple(r[c] for c in cols) for r in records]


# -- region-alliances


def test_the_alliances_of_central_asia_with_their_chairs_and_secretariats(regions_kg):
    assert rows(regions_kg, "region-alliances", region="m49-central-asia") == [CENTRAL_ASIA_ROW]


def test_the_alliances_of_a_country(regions_kg):
    assert rows(regions_kg, "region-alliances", region="ru") == [SILK_ROW]
    # Kazakhstan is tied through KazNU; the scope "Central Asia" is larger than Kazakhstan, not within it
    assert rows(regions_kg, "region-alliances", region="kz") == [CENTRAL_ASIA_ROW | {"ties": "member", "countries": "Kazakhstan"}]


def test_several_regions_list_an_alliance_once_with_the_countries_of_each(regions_kg):
    got = rows(regions_kg, "region-alliances", region=["ru", "th", "m49-central-asia"])
    assert pick(got, "alliance", "ties", "countries") == [
        ("res:test-central-asia-alliance", "member | scope", "Central Asia | Kazakhstan"),
        ("res:test-silk-alliance", "member", "Russian Federation | Thailand"),
    ]


def test_a_region_holds_the_regions_and_countries_within_it(regions_kg):
    # Africa holds Sub-Saharan Africa, which holds Eastern Africa, which holds Kenya
    assert pick(rows(regions_kg, "region-alliances", region="m49-africa"), "alliance", "countries", "chairs") == [
        ("res:test-silk-alliance", "Kenya", "University of Nairobi (rotating-chair)"),
    ]
    # Eastern Asia: every alliance with a Chinese member (or seat, or scope), and the Hong Kong member
    got = rows(regions_kg, "region-alliances", region="m49-eastern-asia")
    assert pick(got, "alliance", "ties", "countries") == [
        ("res:shanxi-isea", "member | scope", "China"),  # the Shanxi records give no seat
        ("res:jx-scoe-alliance", "member | scope | seat", "China"),
        ("res:test-central-asia-alliance", "member | scope | seat", "China"),
        ("res:test-silk-alliance", "member", "China | Hong Kong"),
    ]
    assert rows(regions_kg, "region-alliances", region="m49-oceania") == []


def test_a_region_is_required(regions_kg):
    with pytest.raises(QueryError) as e:
        regions_kg.query("region-alliances")
    assert str(e.value) == ("query('region-alliances') missing required keyword argument 'region': the region or country "
                            "(its id, such as m49-central-asia, m49-south-eastern-asia or ru; repeat for several)")


# -- multi-region-institutions

TYUT_ROW = {
    "institution": "res:tyut", "institutionLabel": "Taiyuan University of Technology", "institutionLabelZh": "太原理工大学",
    "regionCount": "5",
    "regions": "Central Asia | Eastern Africa | Eastern Asia | Eastern Europe | South-eastern Asia",
    # CLDR has no Chinese name for South-eastern Asia (it writes "Southeast Asia"): the English one
    "regionsZh": "South-eastern Asia | 东亚 | 东欧 | 东非 | 中亚",
    "alliances": "Made-up Central Asia Alliance | 虚构丝路联盟",
    "roles": "chair | member",
}


def test_chinese_institutions_whose_alliances_reach_several_regions(regions_kg):
    got = rows(regions_kg, "multi-region-institutions")
    assert pick(got, "institution", "regionCount", "regions") == [
        ("res:tyut", "5", "Central Asia | Eastern Africa | Eastern Asia | Eastern Europe | South-eastern Asia"),
        # the Hong Kong member takes the Jiangxi university to Eastern Asia, the others to Russia, Thailand, Kenya
        ("res:nanchang-university", "4", "Eastern Africa | Eastern Asia | Eastern Europe | South-eastern Asia"),
    ]
    assert got[0] == TYUT_ROW
    # JUFE's one alliance reaches Central Asia only (its scope and KazNU); China's own places count for nothing
    assert pick(rows(regions_kg, "multi-region-institutions", min_regions=1, institution="jufe"), "regionCount", "regions", "alliances", "roles") == [
        ("1", "Central Asia", "Made-up Central Asia Alliance", "secretariat-host"),
    ]
    assert rows(regions_kg, "multi-region-institutions", min_regions=6) == []
    assert rows(regions_kg, "multi-region-institutions", min_regions=1, institution="sang-shengbo") == []  # a person


def test_institutions_of_another_country(regions_kg):
    got = rows(regions_kg, "multi-region-institutions", country="ru", min_regions=1)
    assert pick(got, "institution", "regionCount", "regions", "alliances", "roles") == [
        ("res:msu-ru", "3", "Eastern Africa | Eastern Asia | South-eastern Asia", "虚构丝路联盟", "member"),
    ]
    # the scope "Central Asia" is KazNU's own region: only China (scope, seat, Chinese members) is abroad
    got = rows(regions_kg, "multi-region-institutions", country="kz", min_regions=1)
    assert pick(got, "institution", "regionCount", "regions", "roles") == [("res:kaznu-kz", "1", "Eastern Asia", "co-chair")]
