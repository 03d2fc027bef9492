"""Convert the staged reference files into the tables of data/reference/ (run by a maintainer, not by a build).

    python -m cheikg.loaders.convert_reference SOURCE_DIR data/reference

SOURCE_DIR holds the files described by its PROVENANCE.md (moe_heis_2025.csv,
ror_cn_organizations.csv, ...).  The output is deterministic: the same input
gives the same bytes, so a test can check that the committed tables are this
conversion of the sources.  The build reads only the committed tables.

Derived columns of the sources are not trusted blindly: the ROR-to-MOE match is
recomputed here (exact Chinese name, current list first, then the 2017 list)
and only active ROR records are kept; the location codes are checked against
the division table.

What the sources hold that is no name, or a name twice, is cleaned by the rules
of ``Cleaning`` (control characters, a note after '|' in a world-list name, ROR
labels naming a web site or mistyping another name, alternative names equal to
the name); the report lists what each rule changed or removed.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# The MOE list's printed values, as the codes of ontology/vocabularies.ttl.
LEVELS = {"本科": "undergraduate", "专科": "vocational"}
STATUSES = {
    "": "",
    "民办": "private",
    "中外合作办学及内地与港澳合作办学": "cooperative",
    "境外高等教育机构在海南自由贸易港设立的实施理工农医类学科专业教育的学校": "foreign-run",
}
# Grouping rows of the division table that are no places of their own (市辖区, 县 of a municipality,
# 省直辖县级行政区划): their children lie directly within the province.
_GROUPING = re.compile(r"^(市辖区|县|.*直辖县级行政区划)\Z")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PINYIN_TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", re.IGNORECASE)
MOE_2017_DATE = "2017-05-31"
MOE_2025_DATE = "2025-06-20"


def moe_id(code: str) -> str:
    return f"moe-{code}"


def place_id(adcode: str) -> str:
    return f"cn-{adcode}"


def university_id(domain: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", domain.lower()).strip("-")


# C1 controls (U+0080-U+009F) in a source are Windows-1252 bytes read as Latin-1 ('\x93Leon Schiller\x94');
# other control characters (but tab and line ends) are no text at all
_C1 = re.compile("[\x80-\x9f]")
_C0 = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# a label naming an institution's web site, not the institution (广西民族大学网站, 三菱电机（中国）官方网站)
_WEBSITE = re.compile(r"网站|網站|官网|官網|主页|主頁|网页|網頁|\bweb ?site\b|\bhome ?page\b", re.IGNORECASE)


@lru_cache(maxsize=2)
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


def repair_controls(text: str) -> str:
    """C1 controls read as the Windows-1252 characters they were ('\x93' is '“'); other control characters removed."""
    def cp1252(m: re.Match[str]) -> str:
        try:
            return bytes([ord(m.group())]).decode("cp1252")
        except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: no character in Windows-1252
            return ""

    return _C0.sub("", _C1.sub(cp1252, text))


def name_key(text: str) -> str:
    """Two names are the same name when they are equal after Unicode NFKC, one space for any white space, and case folding.

    Traditional and simplified characters are not folded: 復旦大學 is another written form of 复旦大学, kept.
    """
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def mixed_script(text: str) -> bool:
    """Whether a Chinese text has both traditional-only and simplified-only characters (房东外语外贸大学南国商學院)."""
    t2s, s2t = _opencc("t2s"), _opencc("s2t")
    han = [c for c in text if _CJK.match(c)]
    return any(t2s.convert(c) != c for c in han) and any(s2t.convert(c) != c and t2s.convert(c) == c for c in han)


def _one_apart(a: str, b: str) -> bool:
    return a == b or (len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1)


@dataclass
class Cleaning:
    """What the conversion removed or repaired, rule by rule (data/reference/README.md states the rules)."""

    changes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    RULES = {
        "controls": "control characters: C1 read as Windows-1252, others removed",
        "world-list-note": "a note after '|' in a world-list name (the name is what precedes it)",
        "website": "a ROR label naming a web site, not the institution",
        "defective-copy": "a ROR Chinese label mixing traditional and simplified characters that is, or is one character away from, another name of the institution",
        "same-as-name": "an alternative name that is the institution's name in its language, or an alternative name before it, after NFKC, white space and case folding",
    }

    def note(self, rule: str, what: str) -> None:
        self.changes[rule].append(what)

    def read(self, path: Path) -> list[dict[str, str]]:
        rows = []
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                clean = {}
                for k, v in row.items():
                    v = (v or "").strip()
                    repaired = repair_controls(v)
                    if repaired != v:
                        self.note("controls", f"{path.name} {k}: {v!r} -> {repaired!r}")
                    clean[k] = repaired
                rows.append(clean)
        return rows

    def world_name(self, name: str) -> str:
        if "|" not in name:
            return name
        kept = name.split("|", 1)[0].strip()
        self.note("world-list-note", f"{name!r} -> {kept!r}")
        return kept

    def ror_labels(self, ror_id: str, labels: list[str], names_zh: list[str]) -> list[str]:
        """ROR labels less those naming a web site and the defective copies of another Chinese name of the institution."""
        t2s = _opencc("t2s")
        sound = [t2s.convert(n) for n in names_zh if not mixed_script(n)]
        kept = []
        for text in labels:
            if _WEBSITE.search(text):
                self.note("website", f"{ror_id}: {text}")
            elif _CJK.search(text) and mixed_script(text) and any(_one_apart(t2s.convert(text), n) for n in sound):
                self.note("defective-copy", f"{ror_id}: {text}")
            else:
                kept.append(text)
        return kept

    def alternatives(self, owner: str, name: str, values: list[str]) -> list[str]:
        """The alternative names in one language, less those that are the name or an earlier alternative."""
        seen = {name_key(name)} if name else set()
        out = []
        for v in values:
            key = name_key(v)
            if key in seen:
                self.note("same-as-name", f"{owner}: {v}")
                continue
            seen.add(key)
            out.append(v)
        return out

    def report(self) -> list[str]:
        return [f"cleaned ({rule}: {self.RULES[rule]}): {len(self.changes[rule])}" + "".join(f"\n  {c}" for c in self.changes[rule])
                for rule in self.RULES]


def _join(values) -> str:
    return "|".join(dict.fromkeys(v for v in values if v))


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in header})
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def alias_language(text: str) -> str:
    """ROR aliases carry no language: Chinese characters are zh, tone-marked pinyin zh-Latn-pinyin, the rest en."""
    if _CJK.search(text):
        return "zh"
    if _PINYIN_TONE.search(text):
        return "zh-Latn-pinyin"
    return "en"


M49_LEVELS = ("region", "sub_region", "intermediate_region")  # the staged ISO file's UN M49 columns, largest first


def region_id(name: str) -> str:
    """The id of a UN M49 region: its English name, lower case, words joined by hyphens (m49-central-asia)."""
    return "m49-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def m49_regions(countries: list[dict[str, str]]) -> tuple[list[dict[str, str]], dict[str, str]]:
    """The regions of UN M49 named in the ISO data set, each within the one above it, and the region of each country.

    The data set gives, for each country, the names of its region, sub-region and intermediate region (the
    last only in Africa and the Americas); a country lies in the smallest it names. The Chinese name is
    CLDR's (through Babel) for the M49 code whose English name in CLDR is the data set's name; CLDR spells a
    few otherwise ("Southeast Asia" for South-eastern Asia), and these have no Chinese name here rather than
    one matched by hand.
    """
    from babel import Locale

    english, chinese = Locale("en").territories, Locale("zh").territories
    code_of = {name: code for code, name in english.items() if code.isdigit()}
    within: dict[str, str] = {}
    names: dict[str, str] = {}
    region_of: dict[str, str] = {}
    for r in countries:
        chain = [r.get(level, "").strip() for level in M49_LEVELS]
        chain = [name for name in chain if name]
        parent = ""
        for name in chain:
            rid = region_id(name)
            if names.setdefault(rid, name) != name:
                raise SystemExit(f"two M49 names make the id {rid}: {names[rid]!r} and {name!r}")
            if within.setdefault(rid, parent) != parent:
                raise SystemExit(f"{name} lies within {within[rid] or 'nothing'} for one country and {parent or 'nothing'} for {r['alpha2']}")
            parent = rid
        if parent:
            region_of[r["alpha2"]] = parent
    rows = [{"id": rid, "name.en": names[rid], "name.zh": chinese.get(code_of.get(names[rid], ""), ""), "within": within[rid]} for rid in sorted(names)]
    return rows, region_of


def convert(src: Path, dest: Path) -> list[str]:
    """Write the tables into ``dest``; return the summary lines (counts and checks)."""
    report: list[str] = []
    cleaning = Cleaning()
    moe = cleaning.read(src / "moe_heis_2025.csv")
    moe17 = cleaning.read(src / "moe_heis_2017.csv")
    crosswalk = cleaning.read(src / "moe_heis_2017_2025_crosswalk.csv")
    ror = cleaning.read(src / "ror_cn_organizations.csv")
    hipo = cleaning.read(src / "world_universities_hipo.csv")
    divisions = cleaning.read(src / "cn_admin_divisions.csv")
    countries = cleaning.read(src / "iso3166_countries.csv")

    # -- places: provinces, prefecture-level divisions and county-level divisions (the build emits a
    #    county only when an institution is seated in it or a record refers to it)
    # a prefecture-level city without districts (东莞市 441900) has a county-level row with its own code: keep the first
    by_code: dict[str, dict[str, str]] = {}
    for r in divisions:
        by_code.setdefault(r["adcode"], r)
    seats = {r["derived_location_adcode"] for r in moe}
    missing = sorted(seats - set(by_code))
    if missing:
        raise SystemExit(f"location codes not in the division table: {missing}")
    places = []
    for r in divisions:
        code, level = r["adcode"], r["level"]
        if level == "county" and by_code[code] is not r:
            continue
        if _GROUPING.match(r["name_zh"]):
            continue
        parent = by_code.get(r["parent_adcode"])
        if level == "province":
            within = "cn"
            kind = "municipality" if code in ("110000", "120000", "310000", "500000") else "province"
        else:
            if parent is None or _GROUPING.match(parent["name_zh"]):
                parent = by_code[r["province_adcode"]]
            within = place_id(parent["adcode"])
            kind = "city" if level == "prefecture" else "county"
        places.append({
            "id": place_id(code), "division_code": code, "type": kind, "name.en": r["name_en"], "name.zh": r["name_zh"],
            "pinyin": r["name_pinyin"], "within": within,
        })
    _write(dest / "places-cn.csv", ["id", "division_code", "type", "name.en", "name.zh", "pinyin", "within"], places)
    report.append(f"places-cn.csv: {len(places)} places " + str(dict(sorted(Counter(p['type'] for p in places).items()))))

    # -- institutions of the 2025 list
    institutions = []
    for r in sorted(moe, key=lambda r: r["moe_code"]):
        if r["level"] not in LEVELS or r["remarks"] not in STATUSES:
            raise SystemExit(f"{r['moe_code']}: unknown level {r['level']!r} or remark {r['remarks']!r}")
        institutions.append({
            "id": moe_id(r["moe_code"]), "moe_code": r["moe_code"], "name.zh": r["name_zh"],
            "supervising_department": _join(r["supervising_dept"].split()), "place": place_id(r["derived_location_adcode"]),
            "level": LEVELS[r["level"]], "status": STATUSES[r["remarks"]],
        })
    if len({r["moe_code"] for r in moe}) != len(moe):
        raise SystemExit("MOE codes are not unique")
    _write(dest / "institutions.csv", ["id", "moe_code", "name.zh", "supervising_department", "place", "level", "status"], institutions)
    report.append(f"institutions.csv: {len(institutions)} institutions " + str(dict(sorted(Counter(i['level'] for i in institutions).items())))
                  + " " + str(dict(sorted(Counter(i['status'] or 'public (no remark)' for i in institutions).items()))))

    # -- names of the 2017 list that the 2025 list prints otherwise (or not at all)
    current = {r["moe_code"]: r["name_zh"] for r in moe}
    listed17 = {r["moe_code"]: r["name_zh"] for r in moe17}
    historic = []
    for r in sorted(crosswalk, key=lambda r: r["moe_code"]):
        if r["status"] not in ("renamed", "not_in_2025_list"):
            continue
        if listed17.get(r["moe_code"]) != r["name_2017"] or current.get(r["moe_code"], "") != r["name_2025"]:
            raise SystemExit(f"crosswalk row {r['moe_code']} disagrees with the lists")
        historic.append({"moe_code": r["moe_code"], "name_2017": r["name_2017"], "name_2025": r["name_2025"]})
    _write(dest / "institution-names-2017.csv", ["moe_code", "name_2017", "name_2025"], historic)
    renamed = sum(1 for h in historic if h["name_2025"])
    report.append(f"institution-names-2017.csv: {renamed} renamed, {len(historic) - renamed} not on the 2025 list")

    # -- ROR records matched to the list: recomputed, exact Chinese name, 2025 names first, then 2017 names
    by_name25 = defaultdict(set)
    for r in moe:
        by_name25[r["name_zh"]].add(r["moe_code"])
    by_name17 = defaultdict(set)
    for r in moe17:
        if r["moe_code"] in current:
            by_name17[r["name_zh"]].add(r["moe_code"])
    links = []
    agree = disagree = 0
    claimed: dict[str, str] = {}
    for r in ror:
        if r["status"] != "active":
            continue
        zh = [n for n in r["name_zh"].split("|") if n]
        zh_aliases = [a for a in r["aliases"].split("|") if a and alias_language(a) == "zh"]
        codes25 = set().union(*(by_name25.get(n, set()) for n in zh + zh_aliases))
        codes17 = set().union(*(by_name17.get(n, set()) for n in zh + zh_aliases))
        if len(codes25) == 1:
            code, match = next(iter(codes25)), "zh-2025"
        elif not codes25 and len(codes17) == 1:
            code, match = next(iter(codes17)), "zh-2017"
        else:
            if r["derived_moe_code"]:
                disagree += 1
            continue
        if code != r["derived_moe_code"]:
            disagree += 1
            continue
        agree += 1
        if code in claimed:
            raise SystemExit(f"two ROR records match {code}: {claimed[code]} and {r['ror_id']}")
        claimed[code] = r["ror_id"]
        names_zh = zh + zh_aliases + [current[code]] + ([listed17[code]] if code in listed17 else [])
        zh = cleaning.ror_labels(r["ror_id"], zh, names_zh)
        aliases: dict[str, list[str]] = defaultdict(list)
        for a in cleaning.ror_labels(r["ror_id"], [a for a in r["aliases"].split("|") if a], names_zh):
            aliases[alias_language(a)].append(a)
        for label in r["other_labels"].split("|"):
            text, _, lang = label.rpartition("@")
            if text and cleaning.ror_labels(r["ror_id"], [text], names_zh):
                aliases[lang].append(text)
        # ROR's Chinese labels other than the names of the lists (the 2017 one is a historic name), then its aliases
        lists = {name_key(current[code]), name_key(listed17.get(code, current[code]))}
        aliases["zh"] = [n for n in zh if name_key(n) not in lists] + aliases.get("zh", [])
        own = {"zh": current[code], "en": r["name_en"]}
        aliases = {lang: cleaning.alternatives(moe_id(code), own.get(lang, ""), values) for lang, values in aliases.items()}
        links.append({
            "id": moe_id(code), "ror": r["ror_id"], "wikidata": r["wikidata_qid"], "match": match, "name.en": r["name_en"],
            "name.zh": _join(zh), "acronyms": r["acronyms"], "homepage": r["website"],
            **{f"alt_names.{lang}": _join(values) for lang, values in aliases.items()},
        })
    links.sort(key=lambda r: r["id"])
    langs = sorted({k for r in links for k in r if k.startswith("alt_names.")}, key=lambda k: (k != "alt_names.en", k != "alt_names.zh", k))
    _write(dest / "institutions-ror.csv", ["id", "ror", "wikidata", "match", "name.en", "name.zh", "acronyms", *langs, "homepage"], links)
    report.append(f"institutions-ror.csv: {len(links)} links " + str(dict(sorted(Counter(r['match'] for r in links).items())))
                  + f"; recomputed match agrees with the staged derived_moe_code on {agree}, differs on {disagree}")

    # -- regions of UN M49 (region, sub-region, intermediate region) as the ISO data set gives them for each country
    regions, region_of = m49_regions(countries)
    _write(dest / "regions.csv", ["id", "name.en", "name.zh", "within"], regions)
    report.append(f"regions.csv: {len(regions)} regions of UN M49 ({sum(1 for r in regions if r['name.zh'])} with CLDR's Chinese name)")

    # -- countries; the names people write ("Russia" for the Russian Federation) from CLDR, by Babel
    from babel import Locale

    common = Locale("en").territories
    rows = []
    for r in sorted(countries, key=lambda r: r["alpha2"]):
        gbt = r["name_zh_gbt2659_mohrss"]
        cldr = common.get(r["alpha2"], "")
        rows.append({
            "id": r["alpha2"].lower(), "country_code": r["alpha2"], "name.en": r["name_en"], "name.zh": r["name_zh"],
            "alt_names.en": cldr if cldr and cldr.casefold() != r["name_en"].casefold() else "",
            "alt_names.zh": gbt if gbt and gbt != r["name_zh"] else "",
            "within": region_of.get(r["alpha2"], ""),
        })
    _write(dest / "countries.csv", ["id", "country_code", "name.en", "name.zh", "alt_names.en", "alt_names.zh", "within"], rows)
    report.append(f"countries.csv: {len(rows)} countries ({sum(1 for r in rows if r['within'])} within a region of UN M49)")

    # -- universities outside mainland China: rows of one name with a domain or web host in common are one
    # university listed twice; rows that share only a name and a country are kept apart, as the list has them
    # (eight pairs of US community colleges are distinct colleges: Glendale in Arizona and in California ...)
    known = {r["alpha2"] for r in countries}
    merged: dict[tuple[str, str, str], dict[str, list[str]]] = {}
    by_domain: dict[tuple[str, str], tuple[str, str, str]] = {}
    skipped = Counter()
    # a row whose name carries a note ("University of Malawi | Old") says it is another entry of that university:
    # it comes after the others and joins the entry of its name and country
    for r in sorted(hipo, key=lambda r: "|" in r["name"]):
        domains = [d.lower() for d in r["domains"].split("|") if d]
        hosts = domains + [m.group(1).lower() for w in r["web_pages"].split("|") if (m := re.match(r"https?://(?:www\.)?([^/:]+)", w))]
        if r["alpha2"] == "CN":
            skipped["in China (the MOE list covers them)"] += 1
            continue
        if domains and all(d.endswith(".cn") for d in domains):
            # a campus in mainland China listed under its parent's country (cuhk.edu.cn, the Shenzhen campus of
            # The Chinese University of Hong Kong, as HK): in China, so on the MOE list
            skipped["with a .cn domain only, in mainland China whatever the country column says"] += 1
            continue
        if r["alpha2"] not in known:
            skipped[f"country {r['alpha2']} not in ISO 3166"] += 1
            continue
        name = cleaning.world_name(r["name"])
        noted = [k for k in merged if k[:2] == (name, r["alpha2"])] if name != r["name"] else []
        key = next((by_domain[(name, h)] for h in hosts if (name, h) in by_domain), noted[0] if len(noted) == 1 else (name, r["alpha2"], domains[0] if domains else ""))
        entry = merged.setdefault(key, {"domains": [], "web_pages": []})
        entry["domains"] += domains
        entry["web_pages"] += r["web_pages"].split("|")
        for h in hosts:
            by_domain.setdefault((name, h), key)
    used: set[str] = set()
    unis = []
    # the id is the first domain the list gives; a domain two entries share gets -2 for the second (by name)
    for (name, alpha2, _first), entry in sorted(merged.items(), key=lambda kv: (next(d.lower() for d in kv[1]["domains"] if d), kv[0])):
        domains = list(dict.fromkeys(d.lower() for d in entry["domains"] if d))
        base = university_id(domains[0])
        uid, n = base, 1
        while uid in used:
            n += 1
            uid = f"{base}-{n}"
        used.add(uid)
        unis.append({"id": uid, "name.en": name, "country": alpha2.lower(), "homepage": _join(entry["web_pages"]), "domains": _join(domains)})
    unis.sort(key=lambda r: r["id"])
    _write(dest / "universities-world.csv", ["id", "name.en", "country", "homepage", "domains"], unis)
    report.append(f"universities-world.csv: {len(unis)} universities from {len(hipo)} rows; left out: " + ", ".join(f"{n} {why}" for why, n in sorted(skipped.items()))
                  + f"; {len(hipo) - sum(skipped.values()) - len(unis)} repeated rows merged")
    return report + cleaning.report()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m cheikg.loaders.convert_reference SOURCE_DIR DEST_DIR", file=sys.stderr)
        return 2
    src, dest = Path(args[0]), Path(args[1])
    dest.mkdir(parents=True, exist_ok=True)
    for line in convert(src, dest):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
