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
  if (window.CHEIKG_RUN) window.CHEIKG_RUN(form, name, pairs);
})();
