// Client-side search over the names of every entity: English, Chinese, pinyin, acronyms, codes.
(function () {
  "use strict";
  var index = window.CHEIKG_SEARCH || [];
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  function norm(s) { return (s || "").normalize("NFKC").toLowerCase(); }
  function search(q) {
    var words = norm(q).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var e = index[i], text = norm(e[2] + " " + e[3] + " " + e[4]);
      var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
      if (ok) {
        var exact = norm(e[2]) === norm(q) || e[3] === q ? 0 : 1;
        hits.push([exact, e[5], (e[2] || e[3]).length, e]);
      }
    }
    // exact names first, then what the articles speak of, then shorter names
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    status.textContent = hits.length + (hits.length === 1 ? " match" : " matches") + (hits.length > 100 ? "; the first 100 shown" : "");
    hits.slice(0, 100).forEach(function (h) {
      var e = h[3], li = document.createElement("li"), a = document.createElement("a");
      a.href = e[0];
      a.textContent = e[2] || e[3];
      li.appendChild(a);
      if (e[2] && e[3]) { var zh = document.createElement("span"); zh.lang = "zh"; zh.textContent = " " + e[3]; li.appendChild(zh); }
      var what = document.createElement("span"); what.className = "what"; what.textContent = " · " + e[1]; li.appendChild(what);
      list.appendChild(li);
    });
  }
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { input.value = params.get("q"); search(input.value); }
  form.addEventListener("submit", function (ev) { ev.preventDefault(); search(input.value); });
  input.addEventListener("input", function () { search(input.value); });
})();
