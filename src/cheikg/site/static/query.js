// The query page: writes the command line for the values typed; on a served site, runs the query.
(function () {
  "use strict";
  var form = document.getElementById("query-form");
  if (!form) return;
  var name = form.getAttribute("data-query");
  var cli = document.getElementById("cli");
  function pairs() {
    var out = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.selectedOptions, function (o) { out.push([el.name, o.value]); });
      } else if (el.value !== "") { out.push([el.name, el.value]); }
    });
    return out;
  }
  function quote(s) { return /^[A-Za-z0-9_.:\/=-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'"; }
  function update() {
    cli.textContent = "cheikg query " + name + pairs().map(function (p) { return " --param " + quote(p[0] + "=" + p[1]); }).join("");
  }
  var params = new URLSearchParams(window.location.search);
  params.forEach(function (value, key) {
    var el = form.elements.namedItem(key);
    if (!el) return;
    if (el.tagName === "SELECT" && el.multiple) {
      Array.prototype.forEach.call(el.options, function (o) { if (o.value === value) o.selected = true; });
    } else { el.value = value; }
  });
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
  if (window.location.protocol === "file:") {
    form.addEventListener("submit", function (ev) { ev.preventDefault(); update(); });
    return;
  }
  var note = document.getElementById("served-note");
  if (note) note.hidden = true;

  // Served: run the query through the API and show the rows, entities linked to their pages.
  var RES = "https://w3id.org/cheikg/resource/", VOCAB = "https://w3id.org/cheikg/vocab/";
  var root = form.getAttribute("action").replace(/api\/[^\/]*$/, "");
  var results = document.getElementById("results");
  function qs(list) { return list.map(function (p) { return encodeURIComponent(p[0]) + "=" + encodeURIComponent(p[1]); }).join("&"); }
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function cell(row, col, value) {
    var td = el("td");
    if (value === null || value === undefined) return td;
    var text = String(value);
    if (text.indexOf(RES) === 0) {
      var id = text.slice(RES.length), en = row[col + "Label"], zh = row[col + "LabelZh"];
      var a = el("a", en || zh || id, {href: root + "entity/" + id + ".html"});
      td.appendChild(a);
      if (en && zh) td.appendChild(el("span", " " + zh, {lang: "zh"}));
    } else if (text.indexOf(VOCAB) === 0) {
      var parts = text.slice(VOCAB.length).split("/");
      td.appendChild(el("a", parts[1], {href: root + "vocab/" + parts[0] + ".html#" + parts[1]}));
    } else {
      td.textContent = text;
      if (/[\u3400-\u9fff]/.test(text) && !/[A-Za-z]{3}/.test(text)) td.lang = "zh";
    }
    return td;
  }
  function show(doc, query) {
    results.textContent = "";
    // a label column is shown as the link of its entity column; a column empty in every row is left out
    var cols = doc.columns.filter(function (c) {
      var m = c.match(/^(.*)Label(Zh)?$/);
      if (m && doc.columns.indexOf(m[1]) >= 0 && doc.rows.some(function (r) { return String(r[m[1]] || "").indexOf(RES) === 0; })) return false;
      return doc.rows.some(function (r) { return r[c] !== null && r[c] !== undefined && r[c] !== ""; });
    });
    var head = el("p", doc.rows.length + (doc.rows.length === 1 ? " row" : " rows") + " · ", {id: "result-count"});
    ["csv", "json", "tsv", "srj"].forEach(function (f, i) {
      head.appendChild(el("a", f.toUpperCase(), {href: root + "api/" + name + "." + f + (query ? "?" + query : "")}));
      if (i < 3) head.appendChild(document.createTextNode(" "));
    });
    results.appendChild(head);
    if (!doc.rows.length) return;
    var table = el("table", null, {id: "result-table"}), tr = el("tr");
    cols.forEach(function (c) { tr.appendChild(el("th", c, {scope: "col"})); });
    var thead = el("thead"); thead.appendChild(tr); table.appendChild(thead);
    var tbody = el("tbody");
    doc.rows.forEach(function (row) {
      var r = el("tr");
      cols.forEach(function (c) { r.appendChild(cell(row, c, row[c])); });
      tbody.appendChild(r);
    });
    table.appendChild(tbody);
    var wrap = el("div", null, {"class": "wide"});
    wrap.appendChild(table);
    results.appendChild(wrap);
  }
  function runQuery() {
    var query = qs(pairs());
    results.textContent = "Running…";
    fetch(root + "api/" + name + ".json" + (query ? "?" + query : ""), {headers: {Accept: "application/json"}})
      .then(function (r) { return r.json().then(function (doc) { return [r.status, doc]; }); })
      .then(function (got) {
        if (got[0] !== 200) { results.textContent = ""; results.appendChild(el("p", got[1].error, {"class": "error", role: "alert"})); return; }
        show(got[1], query);
        if (window.history && window.history.replaceState) window.history.replaceState(null, "", "?" + query);
      })
      .catch(function (e) { results.textContent = ""; results.appendChild(el("p", "The query could not be run: " + e, {"class": "error", role: "alert"})); });
  }
  form.addEventListener("submit", function (ev) { ev.preventDefault(); runQuery(); });

  // ids: suggestions from the resolver as the name is typed
  Array.prototype.forEach.call(form.querySelectorAll("input[data-resolve]"), function (input) {
    var list = document.getElementById(input.getAttribute("list")), timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) return;
      timer = setTimeout(function () {
        fetch(root + "api/_resolve?q=" + encodeURIComponent(text) + "&param=" + encodeURIComponent(input.name))
          .then(function (r) { return r.json(); })
          .then(function (doc) {
            list.textContent = "";
            (doc.candidates || []).forEach(function (c) {
              list.appendChild(el("option", null, {value: c.id, label: c.label + (c.labelZh ? " " + c.labelZh : "")}));
            });
          });
      }, 200);
    });
  });
  if (params.toString()) {
    if (form.checkValidity()) runQuery();
  }
})();
