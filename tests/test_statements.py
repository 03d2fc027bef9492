"""Submissions that meet the stored graph: additions to stored records, reference entities, claims.

Each case runs the commands a curator runs (validate, ingest, build) on a copy of the seed
checkout, and asserts what `build` then says and what the graph holds.
"""

from __future__ import annotations

import re

from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS

from cheikg.cli import cli
from cheikg.namespaces import CHEIKG, RES

TYUT_QUOTE = "the International Students Education Alliance in Shanxi was established at TYUT on November 12th."
JX = "xinhua-jiangxi-scoe-alliance"
JX_QUOTE = "On November 18, the Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education was officially inaugurated in Nanchang."


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def write(checkout, name: str, text: str):
    (checkout / name).write_text(text, encoding="utf-8")
    return name


def built_graph(checkout) -> Graph:
    result = invoke("build")
    assert result.exit_code == 0, result.output
    assert "Validation: 0 violations, 0 warnings, 0 infos" in result.stdout
    assert invoke("export", "-o", "kg.ttl").exit_code == 0
    return Graph().parse(checkout / "kg.ttl", format="turtle")


def test_world_list_ids_pass_validate_as_they_pass_build(checkout):
    """Any id of universities-world.csv as a party, member, participant or foreign partner (issue 14)."""
    name = write(checkout, "world.yaml", f"""\
agreements:
  - id: jufe-westernsydney-agreement
    title: {{en: Agreement between JUFE and Western Sydney University}}
    type: cooperation-agreement
    date: 2025-11-18
    parties:
      - party: jufe
      - party: westernsydney-edu-au
    source: {JX}
    quote: "{JX_QUOTE}"
memberships:
  - id: m-cuhk-jx
    member: cuhk-edu-hk
    organization: jx-scoe-alliance
    role: member
    source: {JX}
    quote: "{JX_QUOTE}"
events:
  - id: jx-visit
    name: {{en: A visit}}
    type: visit
    participants:
      - agent: um-edu-mo
        role: attendee
    source: {JX}
    quote: "{JX_QUOTE}"
organizations:
  - id: jufe-uts-college
    name: {{en: A joint college of JUFE and UTS}}
    type: joint-institute
    parent: jufe
    foreign_partner: [uts-edu-au]
    source: {JX}
    quote: "{JX_QUOTE}"
""")
    result = invoke("validate", name)
    assert result.stdout == "conforms: 0 violations, 0 warnings, 0 infos\n", result.stdout
    assert invoke("ingest", name).exit_code == 0
    g = built_graph(checkout)
    assert (RES["westernsydney-edu-au"], RDF.type, CHEIKG.University) in g
    # uts-edu-au is the curated record 'uts' (name and country match the world list): the alias names it
    assert (RES["jufe-uts-college"], CHEIKG.foreignPartner, RES["uts"]) in g


def test_an_ingest_that_claims_a_reference_id_in_use_keeps_the_next_build_valid(checkout):
    """A place record stating division code 350200 becomes cn-350200, which stored records already use."""
    used = write(checkout, "used.yaml", f"""\
events:
  - id: xiamen-meeting
    name: {{en: A meeting in Xiamen}}
    type: meeting
    place: [cn-350200]
    source: {JX}
    quote: "{JX_QUOTE}"
""")
    assert invoke("ingest", used).exit_code == 0
    claim = write(checkout, "claim.yaml", """\
places:
  - id: xiamen
    name: {en: Xiamen, zh: 厦门市}
    type: city
    division_code: '350200'
""")
    result = invoke("validate", claim)
    assert result.stdout == "conforms: 0 violations, 0 warnings, 0 infos\n", result.stdout
    assert invoke("ingest", claim).exit_code == 0
    g = built_graph(checkout)
    assert (RES["xiamen-meeting"], URIRef("https://schema.org/location"), RES["xiamen"]) in g
    assert not list(g.triples((RES["cn-350200"], None, None)))
    resolved = invoke("resolve", "cn-350200", "--kind", "place", "--format", "csv")
    assert resolved.stdout.splitlines()[1].split(",")[:3] == ["cn-350200", "resolved", "xiamen"]
    # and the reference id stays taken: no other record can have it
    impostor = write(checkout, "impostor.yaml", f"""\
events:
  - id: cn-350200
    name: {{en: An event named like a city}}
    type: meeting
    source: {JX}
    quote: "{JX_QUOTE}"
""")
    result = invoke("validate", impostor)
    assert result.exit_code == 1
    assert ("violation id: the id 'cn-350200' names the reference entity that 'xiamen' (data/facts/") in result.stdout


def test_a_new_record_cannot_take_the_id_a_curated_record_claims(checkout):
    """'uts' is uts-edu-au (name and country): a new record with that id is refused, and resolve keeps 'uts'."""
    name = write(checkout, "impostor.yaml", f"""\
organizations:
  - id: uts-edu-au
    name: {{en: Some other university}}
    type: university
    country: au
    source: {JX}
    quote: "{JX_QUOTE}"
""")
    result = invoke("validate", name)
    assert result.exit_code == 1
    assert re.search(r"    2:5 violation id: the id 'uts-edu-au' names the reference entity that 'uts' \(data/organizations.yaml:\d+\) states it is "
                     r"\(by its code, or its name and country\); write 'uts' to refer to it, or choose another id for a different organization\n", result.stdout)
    resolved = invoke("resolve", "uts-edu-au", "--format", "csv")
    assert resolved.stdout.splitlines()[1].split(",")[:3] == ["uts-edu-au", "resolved", "uts"]


def test_three_stated_counts_of_one_role_are_three_nodes(checkout):
    name = write(checkout, "counts.yaml", f"""\
alliances:
  - id: counted-alliance
    name: {{en: An alliance counted three times}}
    stated_counts:
      - {{role: member, count: 10, source: {JX}, quote: "{JX_QUOTE}"}}
      - {{role: member, count: 12, source: {JX}, quote: "{JX_QUOTE}"}}
      - {{role: member, count: 15, source: {JX}, quote: "{JX_QUOTE}"}}
    source: {JX}
    quote: "{JX_QUOTE}"
""")
    result = invoke("validate", name)
    assert result.stdout == "conforms: 0 violations, 0 warnings, 0 infos\n", result.stdout
    assert invoke("ingest", name).exit_code == 0
    g = built_graph(checkout)
    counts = {int(g.value(c, CHEIKG["count"])) for c in g.objects(RES["counted-alliance"], CHEIKG.hasStatedCount)}
    assert counts == {10, 12, 15}


def test_the_advice_for_a_second_record_of_a_stored_post_is_followed_to_the_end(checkout):
    """The refusal names the id to write; the record written so is an addition of its source (issue 14's circle)."""
    again = write(checkout, "again.yaml", f"""\
posts:
  - id: post-luo-rong-again
    person: luo-rong
    organization: wut
    role: vice-president
    source: {JX}
    quote: "{JX_QUOTE}"
""")
    result = invoke("validate", again)
    assert result.exit_code == 1
    assert "give this record the id 'post-luo-rong-wut-vice-president'" in result.stdout
    (checkout / again).write_text((checkout / again).read_text().replace("post-luo-rong-again", "post-luo-rong-wut-vice-president"), encoding="utf-8")
    result = invoke("validate", again)
    assert result.stdout == "conforms: 0 violations, 0 warnings, 0 infos\n", result.stdout
    ingested = invoke("ingest", again)
    assert "  extend     post post-luo-rong-wut-vice-president (stored; adds sources)" in ingested.stdout
    g = built_graph(checkout)
    assert (RES["post-luo-rong-wut-vice-president"], PROV.wasDerivedFrom, RES[JX]) in g
    assert (RES["post-luo-rong-wut-vice-president"], PROV.wasDerivedFrom, RES["wut-cscse-seminar-2025"]) in g


def test_a_stored_alliance_gets_a_chinese_name_another_name_and_a_count_with_provenance(checkout):
    name = write(checkout, "more.yaml", f"""\
alliances:
  - id: jx-scoe-alliance
    name: {{zh: 江西省中外合作办学联盟}}
    founded: 2025-11-18
    alt_names: {{en: Jiangxi Sino-Foreign Cooperative Education Alliance}}
    stated_counts:
      - {{role: vice-chair, count: 10, source: {JX}, quote: "{JX_QUOTE}"}}
    source: {JX}
    quote: "{JX_QUOTE}"
""")
    dry = invoke("ingest", name, "--dry-run")
    assert "  extend     alliance jx-scoe-alliance (stored; adds name, alt_names, stated_counts)" in dry.stdout
    assert "0 records added, 1 stored records extended, 0 unchanged" in dry.stdout
    result = invoke("ingest", name)
    assert result.exit_code == 0, result.output
    g = built_graph(checkout)
    alliance = RES["jx-scoe-alliance"]
    assert (alliance, SKOS.prefLabel, Literal("江西省中外合作办学联盟", lang="zh")) in g
    assert len(set(g.objects(alliance, SKOS.prefLabel))) == 2
    founded = g.value(alliance, CHEIKG.foundingDate)
    assert str(g.value(founded, URIRef("http://www.w3.org/2006/time#inXSDDate"))) == "2025-11-18"
    # who added what: the statement of the new file names its properties, its source and its submission
    statements = set(g.subjects(CHEIKG.statementOf, alliance))
    assert len(statements) == 2
    (added,) = [s for s in statements if (s, PROV.wasGeneratedBy, None) in g]
    submission = g.value(added, PROV.wasGeneratedBy)
    assert str(submission).startswith(str(RES["submission-"])) and str(submission).endswith("-more")
    # it restates the founding date the stored record gives: that is a property it states too
    assert set(g.objects(added, CHEIKG.statesProperty)) == {SKOS.prefLabel, SKOS.altLabel, CHEIKG.foundingDate, CHEIKG.hasStatedCount}
    assert (submission, URIRef("https://w3id.org/cheikg/ontology#submittedFile"), Literal("more.yaml")) in g
    # the history query answers it too
    history = invoke("query", "record-history", "--param", "record=jx-scoe-alliance", "--format", "csv")
    assert history.exit_code == 0, history.output
    assert "more.yaml" in history.stdout


def test_a_contradicting_value_is_refused_then_kept_as_disputed_or_corrected(checkout):
    text = f"""\
alliances:
  - id: shanxi-isea
    founded: 2024-11-12
    source: {JX}
    quote: "{JX_QUOTE}"
"""
    name = write(checkout, "founded.yaml", text)
    result = invoke("validate", name)
    assert result.exit_code == 1
    assert ("    3:14 violation founded: '2024-11-12' contradicts the record 'shanxi-isea' at data/facts/000-shanxi-isea.yaml:9 (tyut-shanxi-isea-founding), "
            "which gives founded '2025-11-12'. A record has one founded: to keep both with their sources (conflicting-facts lists them), "
            "add 'disputes: [founded]' here; if the value there is wrong, add 'corrects: [founded]' and say why in 'note'; "
            "if this record is about another alliance, give it another id\n") in result.stdout
    write(checkout, name, text.replace("    founded: 2024-11-12\n", "    founded: 2024-11-12\n    disputes: [founded]\n"))
    assert invoke("ingest", name).exit_code == 0
    assert built_graph(checkout) is not None
    conflicts = invoke("query", "conflicting-facts", "--format", "csv").stdout.splitlines()
    row = [line for line in conflicts if line.startswith("disputed-value,res:shanxi-isea,")]
    assert len(row) == 1 and ",2025-11-12,res:tyut-shanxi-isea-founding," in row[0] and ",2024-11-12,res:xinhua-jiangxi-scoe-alliance," in row[0]


def test_a_correction_replaces_the_value_and_keeps_the_old_one_as_superseded(checkout):
    name = write(checkout, "fix.yaml", f"""\
alliances:
  - id: shanxi-isea
    founded: 2024-11-12
    corrects: [founded]
    note: "A later article dates the founding a year earlier."
    source: {JX}
    quote: "{JX_QUOTE}"
""")
    assert invoke("ingest", name).exit_code == 0
    g = built_graph(checkout)
    alliance = RES["shanxi-isea"]
    founded = g.value(alliance, CHEIKG.foundingDate)
    assert str(g.value(founded, URIRef("http://www.w3.org/2006/time#inXSDDate"))) == "2024-11-12"
    (old,) = g.subjects(RDF.type, CHEIKG.SupersededValue)
    assert g.value(old, CHEIKG.statementOf) == alliance and g.value(old, CHEIKG.statesProperty) == CHEIKG.foundingDate
    assert str(g.value(g.value(old, CHEIKG.statedValue), URIRef("http://www.w3.org/2006/time#inXSDDate"))) == "2025-11-12"
    assert (None, PROV.wasRevisionOf, old) in g


def test_a_second_name_in_one_language_is_told_to_go_under_alt_names(checkout):
    name = write(checkout, "name.yaml", f"""\
persons:
  - id: sang-shengbo
    name: {{en: Shengbo Sang}}
    source: {JX}
    quote: "{JX_QUOTE}"
""")
    result = invoke("validate", name)
    assert result.exit_code == 1
    assert "if it is another name of the same person, put it under alt_names instead" in result.stdout
    write(checkout, name, (checkout / name).read_text().replace("name: {en: Shengbo Sang}", "alt_names: {en: Shengbo Sang}"))
    assert invoke("validate", name).stdout == "conforms: 0 violations, 0 warnings, 0 infos\n"


def test_forged_provenance_and_a_file_given_twice_are_refused(checkout):
    name = write(checkout, "forged.yaml", """\
submissions:
  - id: submission-999-forged
    file: forged.yaml
    ingested_at: '2020-01-01T00:00:00Z'
""")
    result = invoke("validate", name)
    assert result.exit_code == 1
    assert ("    2:5 violation a 'submissions' record is written by `cheikg ingest` when it stores a file, not by hand: "
            "leave it out of the submission\n") in result.stdout
    twice = write(checkout, "twice.yaml", f"""\
persons:
  - id: someone-new
    name: {{en: Someone New}}
    source: {JX}
    quote: "{JX_QUOTE}"
""")
    result = invoke("ingest", twice, twice)
    assert result.exit_code == 2
    assert result.stderr == "Error: twice.yaml is given twice; give each file once\n"
    assert invoke("validate", twice, f"./{twice}").stderr == "Error: twice.yaml is given twice; give each file once\n"


def test_entries_of_a_stored_record_are_added_to_not_listed_twice(checkout):
    """A party, a participant, a count a later article says more about: one entry with what both give."""
    name = write(checkout, "entries.yaml", f"""\
agreements:
  - id: jufe-uts-cooperative-education-agreement
    parties:
      - party: jufe
        signatory: sang-shengbo
    source: {JX}
    quote: "{JX_QUOTE}"
events:
  - id: shanxi-isea-founding-conference
    participants:
      - agent: li-jinbi
        role: speaker
        speech_title: {{en: A speech on international students}}
      - agent: tyut
        role: host
    source: tyut-shanxi-isea-founding
    quote: "{TYUT_QUOTE}"
""")
    result = invoke("validate", name)
    assert result.stdout == "conforms: 0 violations, 0 warnings, 0 infos\n", result.stdout
    assert invoke("ingest", name).exit_code == 0
    g = built_graph(checkout)
    party = RES["jufe-uts-cooperative-education-agreement.party.jufe"]
    assert (party, CHEIKG.signatory, RES["sang-shengbo"]) in g
    assert len(set(g.objects(RES["jufe-uts-cooperative-education-agreement"], CHEIKG.hasParty))) == 2
    speaker = RES["shanxi-isea-founding-conference.part.li-jinbi.speaker"]
    assert (speaker, CHEIKG.speechTitle, Literal("A speech on international students", lang="en")) in g
    assert (speaker, PROV.wasDerivedFrom, RES["tyut-shanxi-isea-founding"]) in g
    assert (RES["shanxi-isea-founding-conference"], CHEIKG.hasParticipation, RES["shanxi-isea-founding-conference.part.tyut.host"]) in g


def test_an_entry_given_another_value_is_refused(checkout):
    name = write(checkout, "entries.yaml", f"""\
events:
  - id: shanxi-isea-founding-conference
    participants:
      - agent: li-jinbi
        role: attendee
        on_behalf_of: tyut
    source: tyut-shanxi-isea-founding
    quote: "{TYUT_QUOTE}"
""")
    result = invoke("validate", name)
    assert result.exit_code == 1
    assert re.search(r"    6:23 violation participants\[1\]\.on_behalf_of: 'tyut' contradicts data/facts/000-shanxi-isea\.yaml:\d+, which gives "
                     r"participants\[1\]\.on_behalf_of 'shanxi-education-department' for the same entry; give one value \(or a separate entry\)", result.stdout), result.stdout
