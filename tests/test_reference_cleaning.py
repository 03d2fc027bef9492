"""The reference conversion's cleaning rules (data/reference/README.md, "Cleaning"): on small sources, and on the committed tables."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import SKOS

from cheikg.loaders.convert_reference import Cleaning, convert, m49_regions, mixed_script, name_key, repair_controls

TABLES = Path(__file__).resolve().parent.parent / "data" / "reference"


def test_control_characters_are_read_as_windows_1252_or_removed():
    assert repair_controls("Medical Academy \x93Karol Marcinkowski\x94 in Poznan") == "Medical Academy \u201cKarol Marcinkowski\u201d in Poznan"
    assert repair_controls("Caf\x82 \x96 Bar") == "Caf\u201a \u2013 Bar"
    assert repair_controls("a\x81b\x9dc") == "abc"  # no character in Windows-1252
    assert repair_controls("a\x07b\x00c\x7f") == "abc"
    assert repair_controls("tab\there") == "tab\there"
    assert repair_controls("北京协和医学院 Zürich") == "北京协和医学院 Zürich"


def test_a_note_after_a_bar_in_a_world_list_name_is_cut():
    cleaning = Cleaning()
    assert cleaning.world_name("University of Malawi | Old") == "University of Malawi"
    assert cleaning.world_name("Universidad de Chile") == "Universidad de Chile"
    assert cleaning.changes["world-list-note"] == ["'University of Malawi | Old' -> 'University of Malawi'"]


def test_mixed_script_is_traditional_and_simplified_characters_in_one_name():
    assert mixed_script("房东外语外贸大学南国商學院")
    assert mixed_script("蘇州城市学院")
    assert not mixed_script("广东外语外贸大学南国商学院")
    assert not mixed_script("廣東工貿職業技術學院")
    assert not mixed_script("上海對外經貿大學")
    assert not mixed_script("Guangxi Minzu University")


def test_ror_labels_lose_web_sites_and_defective_copies_only():
    cleaning = Cleaning()
    names = ["广东外语外贸大学南国商学院", "兰州工业学院"]
    labels = [
        "广西民族大学网站", "三菱电机（中国）官方网站", "某大学官網", "Official Website of X University", "X University homepage",
        "房东外语外贸大学南国商學院",  # mixed script, one character from a name: a defective copy
        "廣東外語外貿大學南國商學院",  # the name in traditional characters: kept
        "兰州工业学校",  # one character from a name, in one script: a former name, kept
        "蘇州城市学院",  # mixed script but no copy of a name of this institution: kept
        "广外南国", "Web Sciences Institute",
    ]
    assert cleaning.ror_labels("https://ror.org/x", labels, names) == [
        "廣東外語外貿大學南國商學院", "兰州工业学校", "蘇州城市学院", "广外南国", "Web Sciences Institute"]
    assert cleaning.changes["website"] == [f"https://ror.org/x: {t}" for t in labels[:5]]
    assert cleaning.changes["defective-copy"] == ["https://ror.org/x: 房东外语外贸大学南国商學院"]


def test_an_alternative_name_equal_to_the_name_after_normalisation_is_removed():
    cleaning = Cleaning()
    values = ["Beijing  Normal University", "BNU", "ＢＮＵ", "beijing normal university", "Beijing Normal Univ."]
    assert cleaning.alternatives("moe-1", "Beijing Normal University", values) == ["BNU", "Beijing Normal Univ."]
    assert cleaning.changes["same-as-name"] == ["moe-1: Beijing  Normal University", "moe-1: ＢＮＵ", "moe-1: beijing normal university"]
    # a traditional-character form is another written form, not the same name
    assert Cleaning().alternatives("moe-2", "复旦大学", ["復旦大學", "复旦大学"]) == ["復旦大學"]
    assert name_key(" Fudan\u3000University ") == "fudan university"


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture
def sources(tmp_path) -> Path:
    """Staged sources of three institutions, two provinces, two countries and four world universities, with one case of each rule."""
    src = tmp_path / "src"
    src.mkdir()
    _write(src / "moe_heis_2025.csv", ["moe_code", "name_zh", "supervising_dept", "level", "remarks", "derived_location_adcode"], [
        ["4145010608", "广西民族大学", "广西壮族自治区", "本科", "", "450100"],
        ["4144012620", "广东外语外贸大学南国商学院", "广东省教育厅", "本科", "民办", "440100"],
        ["4133011481", "浙江水利水电学院", "浙江省", "本科", "", "330100"],
    ])
    _write(src / "moe_heis_2017.csv", ["moe_code", "name_zh"], [
        ["4145010608", "广西民族大学"], ["4144012620", "广东外语外贸大学南国商学院"], ["4133011481", "浙江水利水电学院"]])
    _write(src / "moe_heis_2017_2025_crosswalk.csv", ["moe_code", "name_2017", "name_2025", "status"], [
        ["4145010608", "广西民族大学", "广西民族大学", "same"]])
    ror = ["ror_id", "name_en", "name_zh", "acronyms", "aliases", "other_labels", "status", "wikidata_qid", "website", "derived_moe_code"]
    _write(src / "ror_cn_organizations.csv", ror, [
        ["https://ror.org/0495efn48", "Guangxi Minzu University", "广西民族大学网站", "", "Guangxi University for Nationalities|广西民族大学",
         "", "active", "Q5613699", "https://www.gxmzu.edu.cn", "4145010608"],
        ["https://ror.org/03adm0793", "South China Business College Guangdong University of Foreign Studies",
         "广东外语外贸大学南国商学院|房东外语外贸大学南国商學院", "", "South China Business College", "", "active", "Q112676957",
         "https://www.gwng.edu.cn", "4144012620"],
        ["https://ror.org/04dg5b632", "Zhejiang University of Water Resource and Electric Power", "浙江水利水电学院", "ZJWEU",
         "Zhejiang University of Water Resource and Electric Power|Zhejiang University of Water Resources and Electric Power",
         "Zhejiang  university of water resource and electric power@en", "active", "", "http://www.zjweu.edu.cn/", "4133011481"],
    ])
    _write(src / "world_universities_hipo.csv", ["name", "country", "alpha2", "state_province", "domains", "web_pages"], [
        ["University of Malawi", "Malawi", "MW", "", "unima.ac.mw", "http://www.unima.ac.mw/"],
        ["University of Malawi | Old", "Malawi", "MW", "", "unima.mw", "http://www.unima.mw/"],
        ["Medical Academy \x93Karol Marcinkowski\x94 in Poznan", "Poland", "PL", "", "usoms.poznan.pl", "http://www.usoms.poznan.pl/"],
        ["Mzuzu University", "Malawi", "MW", "", "mzuni.ac.mw", "http://www.mzuni.ac.mw/"],
    ])
    _write(src / "cn_admin_divisions.csv", ["adcode", "level", "name_zh", "name_en", "name_pinyin", "parent_adcode", "province_adcode"], [
        ["450000", "province", "广西壮族自治区", "Guangxi", "guang xi", "", "450000"],
        ["450100", "prefecture", "南宁市", "Nanning City", "nan ning shi", "450000", "450000"],
        ["440000", "province", "广东省", "Guangdong province", "guang dong sheng", "", "440000"],
        ["440100", "prefecture", "广州市", "Guangzhou City", "guang zhou shi", "440000", "440000"],
        ["330000", "province", "浙江省", "Zhejiang province", "zhe jiang sheng", "", "330000"],
        ["330100", "prefecture", "杭州市", "Hangzhou City", "hang zhou shi", "330000", "330000"],
    ])
    _write(src / "iso3166_countries.csv", ["alpha2", "name_en", "name_zh", "name_zh_gbt2659_mohrss"], [
        ["MW", "Malawi", "马拉维", ""], ["PL", "Poland", "波兰", ""]])
    return src


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_conversion_applies_every_rule_and_reports_what_it_removed(sources, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    report = convert(sources, out)
    ror = {r["id"]: r for r in _rows(out / "institutions-ror.csv")}
    gx, scbc, zj = ror["moe-4145010608"], ror["moe-4144012620"], ror["moe-4133011481"]
    assert (gx["name.zh"], gx["alt_names.zh"], gx["alt_names.en"]) == ("", "", "Guangxi University for Nationalities")
    assert (scbc["name.zh"], scbc["alt_names.zh"]) == ("广东外语外贸大学南国商学院", "")
    assert (zj["alt_names.zh"], zj["alt_names.en"]) == ("", "Zhejiang University of Water Resources and Electric Power")
    assert _rows(out / "universities-world.csv") == [
        {"id": "mzuni-ac-mw", "name.en": "Mzuzu University", "country": "mw", "homepage": "http://www.mzuni.ac.mw/", "domains": "mzuni.ac.mw"},
        {"id": "unima-ac-mw", "name.en": "University of Malawi", "country": "mw", "homepage": "http://www.unima.ac.mw/|http://www.unima.mw/",
         "domains": "unima.ac.mw|unima.mw"},
        {"id": "usoms-poznan-pl", "name.en": "Medical Academy \u201cKarol Marcinkowski\u201d in Poznan", "country": "pl",
         "homepage": "http://www.usoms.poznan.pl/", "domains": "usoms.poznan.pl"},
    ]
    cleaned = "\n".join(line for line in report if line.startswith("cleaned"))
    assert cleaned == "\n".join([
        "cleaned (controls: control characters: C1 read as Windows-1252, others removed): 1",
        "  world_universities_hipo.csv name: 'Medical Academy \\x93Karol Marcinkowski\\x94 in Poznan' -> 'Medical Academy \u201cKarol Marcinkowski\u201d in Poznan'",
        "cleaned (world-list-note: a note after '|' in a world-list name (the name is what precedes it)): 1",
        "  'University of Malawi | Old' -> 'University of Malawi'",
        "cleaned (website: a ROR label naming a web site, not the institution): 1",
        "  https://ror.org/0495efn48: 广西民族大学网站",
        "cleaned (defective-copy: a ROR Chinese label mixing traditional and simplified characters that is, or is one character away "
        "from, another name of the institution): 1",
        "  https://ror.org/03adm0793: 房东外语外贸大学南国商學院",
        "cleaned (same-as-name: an alternative name that is the institution's name in its language, or an alternative name before it, "
        "after NFKC, white space and case folding): 3",
        "  moe-4145010608: 广西民族大学",
        "  moe-4133011481: Zhejiang University of Water Resource and Electric Power",
        "  moe-4133011481: Zhejiang  university of water resource and electric power",
    ])


# -- the committed tables


def _cells(name: str):
    for row in _rows(TABLES / name):
        yield from row.items()


@pytest.mark.parametrize("name", sorted(p.name for p in TABLES.glob("*.csv")))
def test_no_committed_table_holds_a_control_character(name):
    assert [(k, v) for k, v in _cells(name) if re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", v)] == []


def test_no_world_list_name_holds_a_bar():
    assert [r["name.en"] for r in _rows(TABLES / "universities-world.csv") if "|" in r["name.en"]] == []


def test_no_ror_label_names_a_web_site_or_is_a_defective_copy():
    ror = _rows(TABLES / "institutions-ror.csv")
    labels = [v for r in ror for k, cell in r.items() if k.startswith(("name.", "alt_names.")) for v in cell.split("|") if v]
    assert [v for v in labels if re.search("网站|網站|官网|官網|主页|主頁|网页|網頁|website|homepage", v, re.IGNORECASE)] == []
    assert [v for v in labels if mixed_script(v)] == []


def test_no_reference_institution_has_an_alternative_name_equal_to_its_name(seed_compiled):
    """The 11 institutions whose ROR aliases repeated their name (广西民族大学, 无锡太湖学院, ...) have it once, as the name."""
    g = seed_compiled.graph
    same = []
    for node, alt in g.subject_objects(SKOS.altLabel):
        if str(node).split("/")[-1].startswith("moe-"):
            same += [(str(node), str(alt)) for name in g.objects(node, SKOS.prefLabel)
                     if name.language == alt.language and name_key(name) == name_key(alt)]
    assert same == []
    gxmzu = next(g.subjects(SKOS.prefLabel, Literal("广西民族大学", lang="zh")))
    assert sorted((str(o), o.language) for o in g.objects(gxmzu, SKOS.altLabel)) == [("Guangxi University for Nationalities", "en")]


def test_m49_regions_nest_as_the_data_set_names_them_and_a_contradiction_stops_the_conversion():
    rows = [
        {"alpha2": "KE", "region": "Africa", "sub_region": "Sub-Saharan Africa", "intermediate_region": "Eastern Africa"},
        {"alpha2": "EG", "region": "Africa", "sub_region": "Northern Africa", "intermediate_region": ""},
        {"alpha2": "TW", "region": "", "sub_region": "", "intermediate_region": ""},
    ]
    regions, region_of = m49_regions(rows)
    assert [(r["id"], r["name.en"], r["name.zh"], r["within"]) for r in regions] == [
        ("m49-africa", "Africa", "非洲", ""),
        ("m49-eastern-africa", "Eastern Africa", "东非", "m49-sub-saharan-africa"),
        ("m49-northern-africa", "Northern Africa", "北非", "m49-africa"),
        ("m49-sub-saharan-africa", "Sub-Saharan Africa", "撒哈拉以南非洲", "m49-africa"),
    ]
    assert region_of == {"KE": "m49-eastern-africa", "EG": "m49-northern-africa"}
    # CLDR writes 035 "Southeast Asia": the data set's "South-eastern Asia" gets no Chinese name rather than a guessed one
    assert m49_regions([{"alpha2": "TH", "region": "Asia", "sub_region": "South-eastern Asia"}])[0][1]["name.zh"] == ""
    with pytest.raises(SystemExit, match="Eastern Africa lies within m49-sub-saharan-africa for one country and m49-africa for SO"):
        m49_regions(rows + [{"alpha2": "SO", "region": "Africa", "sub_region": "Eastern Africa", "intermediate_region": ""}])
