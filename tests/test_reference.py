"""Reference data: the tables of data/reference, how curated records become the same entities, the graph and its queries.

The counts are the ones the sources state (shared/reference/PROVENANCE.md: 2,919
institutions, 本科 1,365 and 专科 1,554, 829 民办 ...); the query answers are
compared with the committed tables, read here with the csv module, not with the
loader under test.  ``reference_data`` (tests/conftest.py) holds the shipped
tables and a few records of the Jiangxi seed article, so the answers do not
move when curators add records to data/.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, PROV, RDF, SKOS, TIME, XSD

from cheikg.build import compile_data, read_reference, reference_tables
from cheikg.loaders.convert_reference import convert
from cheikg.loaders.reference import read_table
from cheikg.namespaces import CHEIKG, ORG, RES, SCHEMA, SKOSXL, WD
from cheikg.validation import run_shacl

from conftest import texts

ROOT = Path(__file__).resolve().parent.parent
TABLES = ROOT / "data" / "reference"
SHARED = ROOT.parent / "shared" / "reference"


def table(name: str) -> list[dict[str, str]]:
    with (TABLES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


INSTITUTIONS = table("institutions.csv")
PLACES = {r["id"]: r for r in table("places-cn.csv")}


def province_of(place_id: str) -> str:
    while PLACES[place_id]["type"] not in ("province", "municipality"):
        place_id = PLACES[place_id]["within"]
    return place_id


# -- the tables


def test_table_counts_are_the_sources_counts():
    assert len(INSTITUTIONS) == 2919
    assert Counter(r["level"] for r in INSTITUTIONS) == {"undergraduate": 1365, "vocational": 1554}
    assert Counter(r["status"] for r in INSTITUTIONS) == {"": 2074, "private": 829, "cooperative": 14, "foreign-run": 2}
    types = Counter(p["type"] for p in PLACES.values())
    assert (types["province"], types["municipality"], types["city"]) == (30, 4, 333)  # 34 province-level divisions
    assert len(table("countries.csv")) == 249
    assert len(table("institutions-ror.csv")) == 632
    names = table("institution-names-2017.csv")
    assert (sum(1 for r in names if r["name_2025"]), sum(1 for r in names if not r["name_2025"])) == (267, 44)
    assert len(table("universities-world.csv")) == 9844


def test_ids_follow_the_documented_scheme_and_are_unique():
    assert all(r["id"] == f"moe-{r['moe_code']}" for r in INSTITUTIONS)
    assert all(i == f"cn-{p['division_code']}" for i, p in PLACES.items())
    assert all(r["id"] == r["country_code"].lower() for r in table("countries.csv"))
    world = table("universities-world.csv")
    assert len({r["id"] for r in world}) == len(world)
    uts = next(r for r in world if r["name.en"] == "University of Technology Sydney")
    assert (uts["id"], uts["country"], uts["domains"]) == ("uts-edu-au", "au", "uts.edu.au|student.uts.edu.au")
    # every seat of an institution is a place of the table, inside a province-level division
    assert {province_of(r["place"]) for r in INSTITUTIONS} == {i for i, p in PLACES.items() if p["type"] in ("province", "municipality") and i not in ("cn-710000", "cn-810000", "cn-820000")}


@pytest.mark.skipif(not SHARED.is_dir(), reason="the staged sources (shared/reference) are not beside this checkout")
def test_committed_tables_are_the_conversion_of_the_staged_sources(tmp_path):
    convert(SHARED, tmp_path)
    for path in sorted(tmp_path.glob("*.csv")):
        assert path.read_bytes() == (TABLES / path.name).read_bytes(), f"data/reference/{path.name} differs from its conversion"
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == sorted(p.name for p in TABLES.glob("*.csv"))


@pytest.mark.parametrize(("name", "text", "message"), [
    ("countries.csv", "id,country_code,name.en\nau,AU,Australia\n",
     "countries.csv:1: the header lacks the column 'name.zh'; a countries.csv table has id, country_code, name.en, name.zh, alt_names.en, alt_names.zh, within"),
    ("countries.csv", "id,country_code,name.en,name.zh,alt_names.en,alt_names.zh,within\nau,AU,Australia\n",
     "countries.csv:2: the row has 3 cells but the header has 7 columns; quote cells that contain commas"),
    ("continents.csv", "id\nx\n",
     "continents.csv:1: 'continents.csv' is not a reference table; the tables are places-cn.csv, countries.csv, regions.csv, institutions.csv, "
     "institutions-ror.csv, institution-names-2017.csv, universities-world.csv"),
])
def test_a_malformed_table_is_reported_with_its_line(name, text, message):
    _table, problems = read_table(name, text)
    assert [str(p) for p in problems] == [message]


def test_an_unreadable_table_stops_the_build_with_exit_3(tmp_path):
    from click.testing import CliRunner

    from cheikg.cli import cli

    data = tmp_path / "data"
    shutil.copytree(TABLES, data / "reference")
    (data / "reference" / "countries.csv").write_bytes("id,country_code,name.en,name.zh,alt_names.en,alt_names.zh\nau,AU,Australia,\xe6\n".encode("latin-1"))
    (data / "records.yaml").write_text("sources:\n  - id: s\n    title: {en: S}\n    type: dataset\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--data", str(data), "--build", str(tmp_path / "build")])
    assert result.exit_code == 3
    assert result.stdout == f"Records: {data}\n"  # said first, before the records are read
    assert result.stderr.startswith("Error: cannot read the input:\n")
    assert f"{data / 'reference' / 'countries.csv'}:2:" in result.output and "is not UTF-8" in result.output


# -- curated records are the reference entities


def test_a_record_with_an_moe_code_is_the_reference_institution(reference_compiled):
    g = reference_compiled.graph
    tyut, jufe = RES["tyut"], RES["jufe"]
    assert list(g.subjects(ORG.identifier, Literal("4114010112", datatype=CHEIKG.MOECode))) == [tyut]
    assert (RES["moe-4114010112"], None, None) not in g and (None, None, RES["moe-4114010112"]) not in g
    # the reference adds what the record leaves out: seat, department, level, ROR, Wikidata, sources
    assert set(g.objects(tyut, SCHEMA.location)) == {RES["taiyuan"]}
    assert set(g.objects(tyut, CHEIKG.supervisingDepartment)) == {Literal("山西省", lang="zh")}
    assert set(g.objects(tyut, CHEIKG.educationLevel)) == {URIRef("https://w3id.org/cheikg/vocab/education-level/undergraduate")}
    assert set(g.objects(tyut, SCHEMA.sameAs)) == {URIRef("https://ror.org/03kv08d37"), WD.Q7676661}
    assert set(g.objects(tyut, PROV.wasDerivedFrom)) == {RES["xinhua-jiangxi-scoe-alliance"], RES["ref-moe-hei-list-2025"], RES["ref-ror-cn"]}
    # the curated names and the reference ones agree: one name per language
    assert set(g.objects(tyut, SKOS.prefLabel)) == {Literal("Taiyuan University of Technology", lang="en"), Literal("太原理工大学", lang="zh")}
    assert set(g.objects(jufe, CHEIKG.acronym)) == {Literal("JUFE")}  # from ROR: the record states none
    assert set(g.objects(tyut, CHEIKG.acronym)) == {Literal("TYUT")}  # from the record: ROR has none


def test_a_curated_name_that_differs_keeps_both_with_their_sources(reference_compiled):
    g = reference_compiled.graph
    hubei = RES["hubei"]
    assert set(g.objects(hubei, SKOS.prefLabel)) == {Literal("Hubei Province", lang="en"), Literal("湖北省", lang="zh")}
    assert Literal("Hubei province", lang="en") in set(g.objects(hubei, SKOS.altLabel))
    statement = RES["hubei.reference-name.en"]
    assert set(g.predicate_objects(statement)) == {
        (RDF.type, RDF.Statement), (RDF.subject, hubei), (RDF.predicate, SKOS.prefLabel),
        (RDF.object, Literal("Hubei province", lang="en")), (PROV.wasDerivedFrom, RES["ref-cn-divisions-en"]),
    }


def test_records_refer_to_reference_entities_by_their_ids(reference_compiled):
    g = reference_compiled.graph
    assert (RES["mem-ncu-vice-chair"], ORG.member, RES["moe-4136010403"]) in g
    assert set(g.objects(RES["moe-4136010403"], SKOS.prefLabel)) == {Literal("南昌大学", lang="zh"), Literal("Nanchang University", lang="en")}
    # a world university enters the graph because the agreement names it; another does not
    uts = RES["uts-edu-au"]
    assert set(g.predicate_objects(uts)) == {
        (RDF.type, CHEIKG.University), (ORG.classification, URIRef("https://w3id.org/cheikg/vocab/organization-type/university")),
        (SKOS.prefLabel, Literal("University of Technology Sydney", lang="en")), (CHEIKG.country, RES["au"]),
        (FOAF.homepage, URIRef("http://www.uts.edu.au/")), (PROV.wasDerivedFrom, RES["ref-world-universities"]),
    }
    assert (RES["29mayis-edu-tr"], None, None) not in g
    assert reference_compiled.findings == []


def test_regions_of_un_m49_contain_the_countries(reference_compiled):
    """The ISO data set's M49 columns: Kazakhstan in Central Asia, in Asia; Kenya in Eastern Africa, in Sub-Saharan Africa, in Africa."""
    regions = {r["id"]: r for r in table("regions.csv")}
    countries = {r["id"]: r for r in table("countries.csv")}
    assert len(regions) == 29
    assert {r["id"] for r in regions.values() if not r["within"]} == {"m49-africa", "m49-americas", "m49-asia", "m49-europe", "m49-oceania"}
    assert [countries[c]["within"] for c in ("kz", "th", "ru", "cn", "au")] == [
        "m49-central-asia", "m49-south-eastern-asia", "m49-eastern-europe", "m49-eastern-asia", "m49-australia-and-new-zealand"]
    assert sorted(c for c, r in countries.items() if r["within"] == "m49-central-asia") == ["kg", "kz", "tj", "tm", "uz"]
    assert sorted(c for c, r in countries.items() if r["within"] == "m49-south-eastern-asia") == ["bn", "id", "kh", "la", "mm", "my", "ph", "sg", "th", "tl", "vn"]
    # Antarctica and Taiwan: the data set names no region for them
    assert sorted(c for c, r in countries.items() if not r["within"]) == ["aq", "tw"]
    # CLDR's Chinese name where CLDR's English name of the M49 code is the data set's; none where CLDR spells it otherwise
    assert (regions["m49-central-asia"]["name.zh"], regions["m49-eastern-europe"]["name.zh"], regions["m49-south-eastern-asia"]["name.zh"]) == ("中亚", "东欧", "")
    g = reference_compiled.graph
    asia, central = RES["m49-asia"], RES["m49-central-asia"]
    assert set(g.predicate_objects(central)) == {
        (RDF.type, SCHEMA.Place), (CHEIKG.placeType, URIRef("https://w3id.org/cheikg/vocab/place-type/region")),
        (SKOS.prefLabel, Literal("Central Asia", lang="en")), (SKOS.prefLabel, Literal("中亚", lang="zh")),
        (SCHEMA.containedInPlace, asia), (PROV.wasDerivedFrom, RES["ref-iso3166"]), (PROV.wasDerivedFrom, RES["ref-cldr-territories"]),
    }
    assert set(g.objects(RES["kz"], SCHEMA.containedInPlace)) == {central}
    assert set(g.objects(RES["ke"], SCHEMA.containedInPlace)) == {RES["m49-eastern-africa"]}
    assert set(g.objects(RES["m49-eastern-africa"], SCHEMA.containedInPlace)) == {RES["m49-sub-saharan-africa"]}
    assert set(g.objects(RES["m49-south-eastern-asia"], PROV.wasDerivedFrom)) == {RES["ref-iso3166"]}
    assert (RES["aq"], SCHEMA.containedInPlace, None) not in g


def test_places_municipalities_and_counties(reference_compiled):
    g = reference_compiled.graph
    beijing = RES["cn-110000"]
    assert {SCHEMA.State, SCHEMA.City} <= set(g.objects(beijing, RDF.type))
    assert set(g.objects(RES["cn-360100"], SCHEMA.containedInPlace)) == {RES["jiangxi"]}  # claimed by the record 'jiangxi'
    assert set(g.objects(RES["cn-360100"], SKOS.altLabel)) == {Literal("nan chang shi", lang="zh-Latn-pinyin")}
    # a county-level city that seats an institution is in the graph (昆山市, Duke Kunshan); one that seats none is not
    assert set(g.objects(RES["cn-320583"], SCHEMA.containedInPlace)) == {RES["cn-320500"]}
    assert SCHEMA.AdministrativeArea in set(g.objects(RES["cn-320583"], RDF.type))
    assert (RES["cn-110101"], None, None) not in g
    assert len(set(g.subjects(RDF.type, SCHEMA.State))) == 34
    assert len(set(g.subjects(RDF.type, SCHEMA.Country))) == 249


def test_a_rename_since_2017_is_a_historic_name_with_its_dates(reference_compiled):
    g = reference_compiled.graph
    name = RES["moe-4132011641.name-2017"]
    assert set(g.objects(RES["moe-4132011641"], CHEIKG.historicName)) == {name}
    assert set(g.objects(name, SKOSXL.literalForm)) == {Literal("淮海工学院", lang="zh")}
    for pred, date in ((CHEIKG.inUseOn, "2017-05-31"), (CHEIKG.replacedOnOrBefore, "2025-06-20")):
        (instant,) = g.objects(name, pred)
        assert set(g.objects(instant, TIME.inXSDDate)) == {Literal(date, datatype=XSD.date)}
    assert set(g.objects(name, PROV.wasDerivedFrom)) == {RES["ref-moe-hei-list-2017"], RES["ref-moe-hei-list-2025"]}
    assert len(set(g.subjects(RDF.type, CHEIKG.HistoricName))) == 267


def test_ror_english_name_of_a_record_before_the_rename_is_an_alternative_name(reference_compiled):
    # ROR's record of 蚌埠医科大学 still has the 2017 name 蚌埠医学院: its English name is not the current one
    g = reference_compiled.graph
    node = RES["moe-4134010367"]
    assert set(g.objects(node, SKOS.prefLabel)) == {Literal("蚌埠医科大学", lang="zh")}
    assert Literal("Bengbu Medical College", lang="en") in set(g.objects(node, SKOS.altLabel))


def test_claims_that_cannot_hold_are_reported(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(TABLES, data / "reference")
    (data / "records.yaml").write_text(
        "sources:\n  - id: s\n    title: {en: S}\n    type: dataset\n"
        "places:\n  - id: peking\n    name: {en: Beijing}\n    type: province\n    division_code: '110000'\n"
        "organizations:\n"
        "  - id: a\n    name: {en: A}\n    type: university\n    moe_code: '4114010112'\n    source: s\n"
        "  - id: b\n    name: {en: B}\n    type: university\n    moe_code: '4114010112'\n    source: s\n"
        "  - id: c\n    name: {en: C}\n    type: university\n    moe_code: '4113010873'\n    source: s\n",
        encoding="utf-8",
    )
    got = sorted((f.line, f.severity, f.message) for f in compile_data(data).findings)
    assert got == [
        (8, "warning", "the division table makes 110000 a municipality, not a province; write type: municipality"),
        (19, "violation", f"'a' ({data / 'records.yaml'}:11) already is the reference entity moe-4114010112; one entity has one record: merge the two"),
        (24, "warning", "'4113010873' is not on the MOE list of 2025-06-20; the list of 2017-05-31 has it as 河北工业职业技术学院, since merged or upgraded under another code"),
    ]


def test_the_reference_data_conforms_to_the_shapes(reference_compiled):
    """Every reference node, not only the records' (a build validates the records' nodes, with the reference as context)."""
    report = run_shacl(reference_compiled.graph, reference_compiled.origins)
    assert [str(f) for f in report.findings if f.severity == "violation"] == []


def test_the_shipped_graph_holds_every_institution_of_the_list(seed_kg):
    answer = seed_kg.sparql(
        "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i <http://www.w3.org/ns/org#identifier> ?code "
        "FILTER(datatype(?code) = <https://w3id.org/cheikg/ontology#MOECode>) }"
    )
    assert texts(answer) == [{"n": "2919"}]


SEED_UNIVERSITIES = {  # data/organizations.yaml: id -> (moe_code, English, Chinese)
    "tyut": ("4114010112", "Taiyuan University of Technology", "太原理工大学"),
    "tianjin-university": ("4112010056", "Tianjin University", "天津大学"),
    "wut": ("4142010497", "Wuhan University of Technology", "武汉理工大学"),
    "jufe": ("4136010421", "Jiangxi University of Finance and Economics", "江西财经大学"),
    "nanchang-university": ("4136010403", "Nanchang University", "南昌大学"),
    "nanchang-hangkong-university": ("4136010406", "Nanchang Hangkong University", "南昌航空大学"),
    "jiangxi-normal-university": ("4136010414", "Jiangxi Normal University", "江西师范大学"),
    "jxutcm": ("4136010412", "Jiangxi University of Traditional Chinese Medicine", "江西中医药大学"),
    "gannan-normal-university": ("4136010418", "Gannan Normal University", "赣南师范大学"),
    "ustb": ("4111010008", "University of Science and Technology Beijing", "北京科技大学"),
    "xjtu": ("4161010698", "Xi'an Jiaotong University", "西安交通大学"),
}


def test_the_seed_universities_carry_their_codes_and_names(seed_kg):
    rows = {r["institution"]: r for r in texts(seed_kg.query("institutions"))}
    for rid, (code, en, zh) in SEED_UNIVERSITIES.items():
        row = rows[f"res:{rid}"]
        assert (row["moeCode"], row["label"], row["labelZh"]) == (code, en, zh), rid
    # Beijing and Tianjin are municipalities: their universities have a city and a province
    assert (rows["res:ustb"]["cityLabel"], rows["res:ustb"]["provinceLabel"]) == ("Beijing", "Beijing")
    assert (rows["res:tianjin-university"]["cityLabelZh"], rows["res:tianjin-university"]["provinceLabelZh"]) == ("天津市", "天津市")


# -- the reference queries


def jiangxi_codes() -> list[str]:
    return sorted(r["moe_code"] for r in INSTITUTIONS if province_of(r["place"]) == "cn-360000")


def test_institutions_of_a_province(reference_kg):
    got = texts(reference_kg.query("institutions", province="江西省"))
    assert [r["moeCode"] for r in got] == jiangxi_codes()
    assert len(got) == 117
    assert got[2] == {
        "institution": "res:moe-4136010403", "moeCode": "4136010403", "labelZh": "南昌大学", "label": "Nanchang University",
        "provinceLabelZh": "江西省", "provinceLabel": "Jiangxi Province", "cityLabelZh": "南昌市", "cityLabel": "Nanchang City",
        "educationLevel": "undergraduate", "institutionStatus": None, "supervisingDepartments": "江西省",
    }
    jufe = next(r for r in got if r["institution"] == "res:jufe")
    assert (jufe["moeCode"], jufe["labelZh"], jufe["label"]) == ("4136010421", "江西财经大学", "Jiangxi University of Finance and Economics")
    for same in ("Jiangxi Province", "jiangxi province", "360000"):
        assert [r["moeCode"] for r in texts(reference_kg.query("institutions", province=same))] == jiangxi_codes()


@pytest.mark.parametrize(("params", "expected"), [
    ({"level": "专科"}, lambda r: r["level"] == "vocational"),
    ({"level": "undergraduate"}, lambda r: r["level"] == "undergraduate"),
    ({"private": "true"}, lambda r: r["status"] == "private"),
    ({"private": "false"}, lambda r: r["status"] != "private"),
    ({"status": "cooperative"}, lambda r: r["status"] == "cooperative"),
    ({"status": "民办"}, lambda r: r["status"] == "private"),
    ({"supervising": "教育部"}, lambda r: "教育部" in r["supervising_department"].split("|")),
    ({"supervising": "中国科学院"}, lambda r: "中国科学院" in r["supervising_department"].split("|")),
    ({"city": "苏州市"}, lambda r: r["place"] == "cn-320500" or PLACES[r["place"]]["within"] == "cn-320500"),
    ({"city": "Beijing"}, lambda r: r["place"] == "cn-110000"),
    ({"province": "新疆维吾尔自治区", "level": "undergraduate"}, lambda r: province_of(r["place"]) == "cn-650000" and r["level"] == "undergraduate"),
])
def test_institutions_filters(reference_kg, params, expected):
    got = [r["moeCode"] for r in texts(reference_kg.query("institutions", **params))]
    assert got == sorted(r["moe_code"] for r in INSTITUTIONS if expected(r))
    assert got


def test_institutions_of_a_county_level_city_have_no_city_but_a_province(reference_kg):
    shihezi = [r for r in texts(reference_kg.query("institutions", province="Xinjiang Uygur Autonomous Region")) if r["labelZh"] == "石河子大学"]
    assert [(r["cityLabel"], r["provinceLabelZh"]) for r in shihezi] == [(None, "新疆维吾尔自治区")]


def test_province_alliances(reference_kg):
    (row,) = texts(reference_kg.query("province-alliances"))
    assert {k: v for k, v in row.items() if k not in ("members", "roles")} == {
        "inProvince": "res:jiangxi", "provinceLabel": "Jiangxi Province", "provinceLabelZh": "江西省", "alliance": "res:jx-scoe-alliance",
        "allianceLabel": "Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education", "allianceLabelZh": None, "institutions": "2",
    }
    # joined with " | " in no fixed order
    assert set(row["members"].split(" | ")) == {"Jiangxi University of Finance and Economics", "Nanchang University"}
    assert set(row["roles"].split(" | ")) == {"chair", "vice-chair"}
    assert texts(reference_kg.query("province-alliances", province="360000")) == [row]
    assert texts(reference_kg.query("province-alliances", province="山西省")) == []


def test_country_partners(reference_kg):
    assert texts(reference_kg.query("country-partners", country="澳大利亚")) == [{
        "countryCode": "AU", "countryLabel": "Australia", "countryLabelZh": "澳大利亚", "partner": "res:uts-edu-au",
        "partnerLabel": "University of Technology Sydney", "partnerLabelZh": None, "via": "agreement", "links": "1",
        "chineseInstitutions": "Jiangxi University of Finance and Economics", "jointInstitutes": None,
    }]
    assert texts(reference_kg.query("country-partners", country="AU")) == texts(reference_kg.query("country-partners"))
    assert texts(reference_kg.query("country-partners", country="Belarus")) == []


def test_province_international_roles(reference_kg):
    got = {r["inProvince"]: r for r in texts(reference_kg.query("province-international-roles"))}
    expected = Counter(province_of(r["place"]) for r in INSTITUTIONS)
    assert {k: int(r["institutions"]) for k, r in got.items()} == {
        {"cn-360000": "res:jiangxi", "cn-420000": "res:hubei"}.get(k, f"res:{k}"): n for k, n in expected.items()
    }
    jiangxi = got["res:jiangxi"]
    assert (jiangxi["institutions"], jiangxi["withRole"], jiangxi["withoutRole"]) == ("117", "2", "115")
    assert set(jiangxi["institutionsWithRole"].split(" | ")) == {"Jiangxi University of Finance and Economics", "Nanchang University"}
    assert (got["res:cn-140000"]["withRole"], got["res:cn-140000"]["withoutRole"]) == ("0", got["res:cn-140000"]["institutions"])


def test_reading_the_tables_twice_gives_the_same_object():
    first, _ = read_reference(reference_tables(ROOT / "data"))
    again, _ = read_reference(reference_tables(ROOT / "data"))
    assert first is again
