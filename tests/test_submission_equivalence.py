"""`validate` on a submission gives what a full build of data plus the submission gives on its records.

Hypothesis writes submissions that refer to stored records, to reference entities and to each other,
add statements to stored records (names, a founding date, a contradicting one, a disputed one), claim
reference entities by their codes, and get things wrong (unknown ids, roles out of the vocabulary, a term
ending before it starts, a quote not in its article); for each, the results of `validate` and of a build of
the seed data with the submission in it are compared: severity, record, field and message.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cheikg.build import build
from cheikg.submission import validate_paths

JX = "xinhua-jiangxi-scoe-alliance"
JX_QUOTE = "On November 18, the Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education was officially inaugurated in Nanchang."
BAD_QUOTE = "The alliance was founded on the moon."
NAME = "zz-submission.yaml"  # sorts after every stored file, as a submission comes after what is stored

members = st.sampled_from(["jufe", "tyut", "moe-4136010403", "uts-edu-au", "westernsydney-edu-au", "cuhk-edu-hk", "new-org", "no-such-org"])
alliances = st.sampled_from(["jx-scoe-alliance", "shanxi-isea", "new-alliance", "no-such-alliance"])
roles = st.sampled_from(["member", "vice-chair", "chair", "chiar"])
dates = st.sampled_from([None, "2025-11-18", "2024", "2025-02-30"])
quotes = st.sampled_from([JX_QUOTE, JX_QUOTE, BAD_QUOTE, "x"])


@st.composite
def submissions(draw) -> dict:
    doc: dict = {"organizations": [], "alliances": [], "memberships": [], "places": [], "agreements": []}
    cite = {"source": JX, "quote": draw(quotes)}
    if draw(st.booleans()):
        doc["organizations"].append({"id": "new-org", "name": {"en": "A New University"}, "type": "university", "country": draw(st.sampled_from(["au", "cn", "xx"])), **cite})
    if draw(st.booleans()):
        doc["alliances"].append({"id": "new-alliance", "name": {"en": "A New Alliance"}, **cite})
    for i in range(draw(st.integers(0, 3))):
        m = {"id": f"m-gen-{i}", "member": draw(members), "organization": draw(alliances), "role": draw(roles), **cite}
        start, end = draw(dates), draw(dates)
        if start:
            m["start"] = start
        if end:
            m["end"] = end
        doc["memberships"].append(m)
    addition = draw(st.sampled_from(["none", "zh-name", "founded", "contradiction", "disputed"]))
    if addition == "zh-name":
        doc["alliances"].append({"id": "jx-scoe-alliance", "name": {"zh": "江西省中外合作办学联盟"}, **cite})
    elif addition == "founded":
        doc["alliances"].append({"id": "jx-scoe-alliance", "founded": "2025-11-18", **cite})
    elif addition in ("contradiction", "disputed"):
        doc["alliances"].append({"id": "shanxi-isea", "founded": "2024-05", **({"disputes": ["founded"]} if addition == "disputed" else {}), **cite})
    if draw(st.booleans()):
        doc["places"].append({"id": "xiamen", "name": {"en": "Xiamen", "zh": "厦门市"}, "type": "city", "division_code": draw(st.sampled_from(["350200", "999999"]))})
    if draw(st.booleans()):
        doc["agreements"].append({"id": "gen-agreement", "title": {"en": "An agreement"}, "type": "cooperation-agreement", "date": "2025-11-18",
                                  "parties": [{"party": draw(members)}, {"party": draw(members)}], **cite})
    return {k: v for k, v in doc.items() if v}


def _key(finding, path: str) -> tuple:
    return (finding.severity, finding.record, finding.field, finding.message.replace(path, NAME))


@pytest.fixture()
def workspace(built_checkout, tmp_path_factory, monkeypatch):
    root = tmp_path_factory.mktemp("equivalence")
    shutil.copytree(built_checkout / "data", root / "data")
    shutil.copytree(built_checkout / "build", root / "build")
    monkeypatch.chdir(root)
    return root


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=submissions())
def test_validate_equals_a_build_of_data_plus_submission(workspace, doc):
    if not doc:
        return
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    submitted = workspace / NAME
    submitted.write_text(text, encoding="utf-8")
    checked = validate_paths([Path(NAME)], Path("data"), Path("build"))
    incremental = sorted(_key(f, NAME) for f in checked.findings)
    inside = workspace / "data" / NAME
    inside.write_text(text, encoding="utf-8")
    try:
        built = build(Path("data"), workspace / "full-build", allow_invalid=False)
    finally:
        inside.unlink()
    whole = sorted(_key(f, f"data/{NAME}") for f in built.report.findings if f.path == f"data/{NAME}")
    assert incremental == whole, text
