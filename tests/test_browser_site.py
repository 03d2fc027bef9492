"""The static site in a real browser (headless Chromium), opened from file://: the text a reader sees."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from cheikg.resources import ontology_texts
from cheikg.site.output import write_site

from browser import needs_browser

pytestmark = needs_browser

SEED_SENTENCE = (
    "Jiangxi University of Finance and Economics serves as the alliance's chair institution, with Nanchang University, "
    "Nanchang Hangkong University, and Jiangxi Normal University among its 10 vice-chair institutions."
)


@pytest.fixture(scope="module")
def site(seed_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("browser-site") / "site"
    write_site(seed_site, out)
    return out


def WebDriverWait(browser, seconds):
    from selenium.webdriver.support.ui import WebDriverWait as Wait

    return Wait(browser, seconds)


def open_page(browser, site, path, query=""):
    from selenium.webdriver.common.by import By

    browser.get((site / path).as_uri() + query)
    return browser.find_element(By.TAG_NAME, "body")


def test_the_jufe_page_shows_its_chair_of_the_jiangxi_alliance_and_the_sentence_behind_it(browser, site):
    from selenium.webdriver.common.by import By

    open_page(browser, site, "entity/jufe.html")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Jiangxi University of Finance and Economics 江西财经大学"
    row = browser.find_element(By.ID, "mem-jufe-jx-scoe-alliance-chair")
    assert "Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education" in row.text
    assert "chair institution" in row.text
    assert SEED_SENTENCE not in row.text  # the reference is folded until asked for
    row.find_element(By.TAG_NAME, "summary").click()
    assert SEED_SENTENCE in row.text
    assert "Jiangxi Province Establishes Provincial Alliance to Boost High-Quality Development" in row.text
    # a link from the fact to the alliance's page
    row.find_element(By.LINK_TEXT, "Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education").click()
    WebDriverWait(browser, 30).until(lambda b: b.current_url.endswith("/entity/jx-scoe-alliance.html"))


def test_the_alliance_page_lists_its_chair_vice_chairs_and_directors(browser, site):
    from selenium.webdriver.common.by import By

    open_page(browser, site, "entity/jx-scoe-alliance.html")
    chair = browser.find_element(By.ID, "role-chair").text
    assert chair.startswith("chair institution 理事长单位") and "Jiangxi University of Finance and Economics" in chair
    vice = browser.find_element(By.ID, "role-vice-chair").text
    assert all(n in vice for n in ("Nanchang University 南昌大学", "Nanchang Hangkong University 南昌航空大学", "Jiangxi Normal University 江西师范大学"))
    directors = browser.find_element(By.ID, "role-director").text
    assert "Jiangxi University of Traditional Chinese Medicine" in directors and "Gannan Normal University" in directors
    assert "2025-11-18 (year inferred 年推断)" in browser.find_element(By.ID, "details").text


def test_the_ontology_page_shows_every_class_and_vocabulary_in_both_languages(browser, site):
    from selenium.webdriver.common.by import By

    g = Graph()
    for _name, text in ontology_texts():
        g.parse(data=text, format="turtle")
    open_page(browser, site, "ontology.html")
    classes = browser.find_element(By.ID, "classes").text
    ours = [c for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith("https://w3id.org/cheikg/ontology#")]
    assert len(ours) >= 18
    for cls in ours:
        for label in g.objects(cls, RDFS.label):
            assert str(label) in classes, label
    vocabularies = browser.find_element(By.ID, "vocabularies").text
    schemes = list(g.subjects(RDF.type, SKOS.ConceptScheme))
    for scheme in schemes:
        for label in g.objects(scheme, SKOS.prefLabel):
            assert str(label) in vocabularies, label
    # one vocabulary, its own page: codes with both labels
    browser.find_element(By.LINK_TEXT, "alliance-role").click()
    WebDriverWait(browser, 30).until(lambda b: b.current_url.endswith("/vocab/alliance-role.html"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Alliance roles 联盟角色"
    assert browser.find_element(By.ID, "vice-chair").text.startswith("vice-chair vice-chair institution 副理事长单位")


def test_search_finds_names_by_pinyin_and_chinese_and_leads_to_the_page(browser, site):
    from selenium.webdriver.common.by import By

    open_page(browser, site, "search.html")
    box = browser.find_element(By.ID, "q")
    box.send_keys("jiang xi cai jing")
    results = browser.find_element(By.ID, "search-results")
    assert results.text.splitlines()[0] == "Jiangxi University of Finance and Economics 江西财经大学 · institution"
    box.clear()
    box.send_keys("太原理工")
    assert "Taiyuan University of Technology 太原理工大学" in results.text
    results.find_element(By.PARTIAL_LINK_TEXT, "Taiyuan University of Technology").click()
    WebDriverWait(browser, 30).until(lambda b: b.current_url.endswith("/entity/tyut.html"))
    # the search box of every page leads to the search page with the query
    browser.find_element(By.ID, "site-search").send_keys("jxcjdx\n")
    WebDriverWait(browser, 30).until(lambda b: b.current_url.endswith("/search.html?q=jxcjdx"))
    WebDriverWait(browser, 30).until(lambda b: "Jiangxi University of Finance and Economics" in b.find_element(By.ID, "search-results").text)


def test_a_query_page_from_files_writes_the_command_for_the_values_typed(browser, site):
    from selenium.webdriver.common.by import By

    open_page(browser, site, "query/role-holders-on.html", "?alliance=jx-scoe-alliance")
    cli = browser.find_element(By.ID, "cli")
    assert cli.text == "cheikg query role-holders-on --param role=chair --param alliance=jx-scoe-alliance"
    browser.execute_script("document.getElementById('p-date').value = '2025-12-01'; document.getElementById('p-date').dispatchEvent(new Event('input', {bubbles: true}));")
    assert cli.text == "cheikg query role-holders-on --param date=2025-12-01 --param role=chair --param alliance=jx-scoe-alliance"
    assert browser.find_element(By.ID, "served-note").is_displayed()
