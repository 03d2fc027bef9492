"""Screenshots of the site's main pages for the README, taken with headless Chromium.

    python docs/screenshots.py        # from a checkout, after `cheikg build`

Serves the graph of ./data with its site, as `cheikg serve --site --port 0` does, and writes
docs/site-*.png (256 colours, to keep them small).
Needs Debian's chromium and chromium-driver, selenium, and a CJK font (fonts-noto-cjk) for the
Chinese names.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from browser import start_browser  # noqa: E402

from cheikg.serve import serve_build  # noqa: E402

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

    server = serve_build(Path("data"), Path("build"), site=True, port=0)
    server.serve_in_thread()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            browser = start_browser(Path(tmp) / "profile")
            try:
                for name, path, action, height in SHOTS:
                    browser.set_window_size(1280, height)
                    browser.get(f"{server.url}/{path}")
                    if action == "open-refs":
                        for summary in browser.find_elements(By.CSS_SELECTOR, "#alliance-roles summary"):
                            summary.click()
                        browser.execute_script("document.activeElement.blur()")
                    if action == "results":
                        WebDriverWait(browser, 30).until(lambda b: b.find_element(By.ID, "result-table"))
                        browser.execute_script("document.getElementById('run').scrollIntoView()")
                    out = HERE / name
                    browser.save_screenshot(str(out))
                    Image.open(out).convert("RGB").quantize(colors=256).save(out, optimize=True)
                    print(f"wrote {out.relative_to(HERE.parent)}")
            finally:
                browser.quit()
    finally:
        server.close()


if __name__ == "__main__":
    main()
