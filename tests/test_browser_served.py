"""The query page of a site served by `cheikg serve --site`, in a real browser: fill the
role-holders-on form, see the holders, follow a result to its entity page."""

from __future__ import annotations

import json
import urllib.request

import pytest

from cheikg.build import DUMP_NAME, GRAPH_DIR, stored_index
from cheikg.serve import Server

from browser import needs_browser

pytestmark = needs_browser


@pytest.fixture(scope="module")
def served(built_checkout, seed_site):
    """What `cheikg serve --site` starts: the endpoint with the query API and the site of the same graph."""
    dump = built_checkout / "build" / GRAPH_DIR / DUMP_NAME
    index = lambda: stored_index(built_checkout / "data", built_checkout / "build")  # noqa: E731
    with Server(dump, port=0, index=index, site=seed_site) as server:
        server.serve_in_thread()
        yield server.url


def wait(browser, condition, seconds=30):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, seconds).until(condition)


def test_fill_the_role_holders_on_form_see_the_holders_and_follow_one(browser, served):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(f"{served}/query/role-holders-on.html")
    assert not browser.find_element(By.ID, "served-note").is_displayed()
    date = browser.find_element(By.ID, "p-date")
    browser.find_element(By.CSS_SELECTOR, "#query-form button[type=submit]").click()
    # the required date is asked for, not answered with 0 rows
    assert browser.execute_script("return arguments[0].validationMessage", date) != ""
    assert browser.find_element(By.ID, "results").text == ""
    browser.execute_script("arguments[0].value = '2025-12-01'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", date)
    roles = Select(browser.find_element(By.ID, "p-role"))
    roles.select_by_value("rotating-chair")  # chair is selected already: the default
    assert browser.find_element(By.ID, "cli").text == "cheikg query role-holders-on --param date=2025-12-01 --param role=chair --param role=rotating-chair"
    browser.find_element(By.CSS_SELECTOR, "#query-form button[type=submit]").click()
    table = wait(browser, lambda b: b.find_element(By.ID, "result-table"))
    text = table.text
    assert "Jiangxi University of Finance and Economics 江西财经大学" in text
    assert "Taiyuan University of Technology 太原理工大学" in text and "Sang Shengbo" in text
    assert "https://w3id.org/cheikg/resource/" not in text  # labels, not raw IRIs
    assert browser.find_element(By.ID, "result-count").text.startswith("3 rows")
    table.find_element(By.LINK_TEXT, "Jiangxi University of Finance and Economics").click()
    wait(browser, lambda b: b.current_url.endswith("/entity/jufe.html"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Jiangxi University of Finance and Economics 江西财经大学"


def test_an_entity_page_links_to_a_live_query_that_runs(browser, served):
    from selenium.webdriver.common.by import By

    browser.get(f"{served}/entity/jx-scoe-alliance.html")
    browser.find_element(By.LINK_TEXT, "alliance-members").click()
    table = wait(browser, lambda b: b.find_element(By.ID, "result-table"))
    assert browser.find_element(By.ID, "p-alliance").get_attribute("value") == "jx-scoe-alliance"
    assert "Gannan Normal University" in table.text and "director institution" in table.text


def test_a_bad_value_shows_the_message(browser, served):
    from selenium.webdriver.common.by import By

    browser.get(f"{served}/query/alliance-members.html")
    browser.find_element(By.ID, "p-alliance").send_keys("jx scoe")
    browser.find_element(By.CSS_SELECTOR, "#query-form button[type=submit]").click()
    error = wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, "#results .error"))
    assert error.text == "parameter 'alliance': no alliance has the id 'jx scoe'. Did you mean 'jx-scoe-alliance' (Jiangxi Provincial Alliance for Sino-Foreign Cooperative Education)?"


def test_ids_are_suggested_as_a_name_is_typed(browser, served):
    from selenium.webdriver.common.by import By

    browser.get(f"{served}/query/institution-roles.html")
    browser.find_element(By.ID, "p-institution").send_keys("TYUT")
    option = wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#ids-institution option"))[0]
    assert option.get_attribute("value") == "tyut" and option.get_attribute("label") == "Taiyuan University of Technology 太原理工大学"


def test_the_api_answers_csv_and_openapi(served):
    with urllib.request.urlopen(f"{served}/api/alliance-chairs.csv", timeout=30) as r:
        assert r.status == 200 and r.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert r.read().decode().startswith("alliance,allianceLabel,")
    with urllib.request.urlopen(f"{served}/api/openapi.json", timeout=30) as r:
        assert "/api/role-holders-on" in json.load(r)["paths"]
