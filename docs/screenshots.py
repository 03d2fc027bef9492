"""Screenshots of the site's main pages for the README, taken with headless Chromium.

    python docs/screenshots.py        # from a checkout, after `cheikg build`

Builds the site of ./data into a temporary folder, serves it with the query API on a loopback
port (as the browser tests do), and writes docs/site-*.png (256 colours, to keep them small).
Needs Debian's chromium and chromium-driver, selenium, and a CJK font (fonts-noto-cjk) for the
Chinese names.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from browser import serve_site, start_browser  # noqa: E402

from cheikg.build import open_store  # noqa: E402
from cheikg.site import build_site  # noqa: E402
from cheikg.site.http_api import QueryApi  # noqa: E402

# (file name, path on the site, what to do there, height of the shot)
SHOTS = (
    ("site-institution.png", "entity/jufe.html", "open-refs", 1500),
    ("site-alliance.png", "entity/jx-scoe-alliance.html", None, 1500),
    ("site-query.png", "query/role-holders-on.html?date=2025-12-01&role=chair&role=rotating-chair", "results", 1250),
    ("site-ontology.png", "ontology.html", None, 1100),
    ("site-search.png", "search.html?q=jiang%20xi", None, 900),
)


def main() -> None:
    from PIL import Image
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    data, build = Path("data"), Path("build")
    store = open_store(data, build)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(store, site)
        browser = start_browser(Path(tmp) / "profile")
        try:
            with serve_site(site, QueryApi(store, data)) as url:
                for name, path, action, height in SHOTS:
                    browser.set_window_size(1280, height)
                    browser.get(f"{url}/{path}")
                    if action == "open-refs":
                        for summary in browser.find_elements(By.CSS_SELECTOR, "#alliance-roles summary"):
                            summary.click()
                    if action == "results":
                        WebDriverWait(browser, 30).until(lambda b: b.find_element(By.ID, "result-table"))
                        browser.execute_script("document.getElementById('run').scrollIntoView()")
                    out = HERE / name
                    browser.save_screenshot(str(out))
                    Image.open(out).convert("RGB").quantize(colors=256).save(out, optimize=True)
                    print(f"wrote {out.relative_to(HERE.parent)}")
        finally:
            browser.quit()


if __name__ == "__main__":
    main()
