"""The query page at / (YASGUI, with the query library as examples) and the files it loads."""

from __future__ import annotations

import functools
import html
import json
from importlib import resources

from cheikg.queries import catalog

from .app import App, HttpError, Request, Response

# the page's own files, shipped in cheikg/serve/static (static/README.md says where they come from)
STATIC = {"/yasgui.min.js": "application/javascript", "/yasgui.min.css": "text/css"}


def add_routes(app: App) -> None:
    app.route("/", lambda request: Response(200, query_page().encode("utf-8"), "text/html; charset=utf-8"))
    for path in STATIC:
        app.route(path, static_file)


def static_file(request: Request) -> Response:
    ctype = STATIC.get(request.path)
    if ctype is None:
        raise HttpError(404, f"no such file: {request.path}")
    return Response(200, _static_bytes(request.path.lstrip("/")), ctype, [("Cache-Control", "max-age=86400")])


@functools.cache
def _static_bytes(name: str) -> bytes:
    return resources.files("cheikg.serve").joinpath("static", name).read_bytes()


def query_page() -> str:
    """The browser page: Oxigraph's YASGUI editor, and the query library as examples to start from."""
    examples = []
    for name, q in catalog.library().items():
        params = "".join(f"\n# ?{p.name}: {p.description}" + (" (required)" if p.required else "") for p in q.params)
        head = f"# {q.summary}{params}"
        if q.params:
            head += "\n# bind a parameter with VALUES, for example: VALUES ?" + q.params[0].name + " { ... }"
        examples.append({"name": name, "summary": q.summary, "text": f"{head}\n{q.text}"})
    options = "\n".join(
        f'      <option value="{i}">{html.escape(e["name"])}: {html.escape(e["summary"])}</option>' for i, e in enumerate(examples)
    )
    data = json.dumps([e["text"] for e in examples], ensure_ascii=False).replace("</", "<\\/")
    names = json.dumps([e["name"] for e in examples])
    return _PAGE.replace("{options}", options).replace("{examples}", data).replace("{names}", names)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>cheikg SPARQL endpoint</title>
  <link href="./yasgui.min.css" rel="stylesheet" type="text/css">
  <script src="./yasgui.min.js"></script>
  <style>body { font-family: sans-serif; margin: 1em; } label { font-weight: bold; } select { max-width: 100%; }</style>
</head>
<body>
  <h1>cheikg: read-only SPARQL endpoint</h1>
  <p>The knowledge graph of Chinese higher-education internationalization. Endpoint: <code>/query</code> (GET or POST, SPARQL 1.1 Protocol).</p>
  <p><label for="examples">Example queries from the library:</label>
    <select id="examples">
      <option value="">choose a question...</option>
{options}
    </select></p>
  <div id="yasgui"></div>
  <script>
    const examples = {examples};
    const names = {names};
    const base = window.location.href.replace(/[?#].*$/, "").replace(/\\/$/, "");
    const yasgui = new Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint: base + "/query", method: "POST" },
      copyEndpointOnNewTab: true,
      endpointCatalogueOptions: { getData: () => [{ endpoint: base + "/query" }], keys: [] },
    });
    const choose = document.getElementById("examples");
    choose.addEventListener("change", (event) => {
      if (event.target.value !== "") { yasgui.getTab().setQuery(examples[Number(event.target.value)]); }
    });
    // /?example=NAME opens and runs that library query: a link to share
    const wanted = names.indexOf(new URLSearchParams(window.location.search).get("example"));
    if (wanted >= 0) {
      choose.value = String(wanted);
      yasgui.getTab().setQuery(examples[wanted]);
      yasgui.getTab().query();
    }
  </script>
</body>
</html>
"""
