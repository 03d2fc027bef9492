"""Headless Chromium for the browser tests: Debian's chromium and chromedriver, driven by selenium;
and the site with its API served on a loopback port (the standard library's WSGI server) until
`cheikg serve --site` mounts them.

The driver's path is given explicitly, so selenium never runs its manager (which would try to
download a browser); a fresh profile folder for each session, and no network of its own.
"""

from __future__ import annotations

import mimetypes
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = next((p for p in ("/usr/bin/chromedriver", shutil.which("chromedriver")) if p and Path(p).is_file()), None)
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--window-size=1280,1600",
)

needs_browser = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="the browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)",
)


def start_browser(profile: Path):
    webdriver = pytest.importorskip("selenium.webdriver", reason="the browser tests need selenium (pip install '.[test]')")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):  # the test's output stays the test's
        pass


def site_and_api(site: Path, api):
    """A WSGI app for these tests: the static files of ``site``, and ``api`` under /api/."""

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "/")
        if path.startswith("/api/"):
            got = api.answer(path[len("/api/"):], parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True), environ.get("HTTP_ACCEPT", ""))
            start_response(f"{got.status} {'OK' if got.status == 200 else 'Error'}", [("Content-Type", got.content_type)])
            return [got.body]
        file = (site / path.lstrip("/")).resolve()
        if path.endswith("/"):
            file = file / "index.html"
        if site.resolve() not in file.parents or not file.is_file():
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found\n"]
        start_response("200 OK", [("Content-Type", mimetypes.guess_type(file.name)[0] or "application/octet-stream")])
        return [file.read_bytes()]

    return app


@contextmanager
def serve_site(site: Path, api):
    """The site and its API on a free loopback port, for as long as the block runs; yields the base URL."""
    server = make_server("127.0.0.1", 0, site_and_api(site, api), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
