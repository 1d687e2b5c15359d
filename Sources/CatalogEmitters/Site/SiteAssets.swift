/// The site's style sheet and search script: fixed text, the same for every catalog.
enum SiteAssets {
    /// `assets/style.css`: readable on a phone (one column, tables scroll sideways inside
    /// their box), WCAG AA contrast, visible keyboard focus.
    static let style = """
    :root { --text: #1b1b1b; --muted: #4a4a4a; --link: #0b4f8a; --line: #c8ced6; --soft: #eef3f8; --focus: #b45309; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Arial, sans-serif; font-size: 16px; line-height: 1.5; color: var(--text); background: #fff; }
    a { color: var(--link); }
    a:focus-visible, input:focus-visible, button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5em; }
    .skip:focus { left: .5em; z-index: 10; }
    header.site { background: var(--soft); border-bottom: 1px solid var(--line); padding: .75em 1em; }
    header.site .brand { margin: 0 0 .25em; font-weight: bold; }
    header.site .brand a { color: var(--text); text-decoration: none; }
    header.site nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25em 1.25em; }
    form.quick { margin-top: .5em; display: flex; flex-wrap: wrap; gap: .5em; align-items: center; }
    form.quick input { flex: 1 1 12em; }
    input[type=search] { font: inherit; padding: .45em .6em; border: 1px solid #6b7280; border-radius: 4px; min-width: 0; }
    #q { width: 100%; font-size: 1.1em; }
    button { font: inherit; padding: .4em .8em; border: 1px solid var(--link); background: var(--link); color: #fff; border-radius: 4px; cursor: pointer; }
    main { max-width: 72em; margin: 0 auto; padding: 1em; }
    h1 { font-size: 1.6em; line-height: 1.25; margin: .5em 0 .1em; }
    h2 { font-size: 1.25em; margin-top: 1.5em; }
    .en { color: var(--muted); }
    h1 + p.en { margin-top: 0; font-size: 1.1em; }
    code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .95em; }
    code.rel { display: block; font-size: .8em; color: var(--muted); }
    .table { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; vertical-align: top; padding: .35em .5em; border-bottom: 1px solid var(--line); }
    thead th { background: var(--soft); }
    tr.retired td, h1.retired { color: var(--muted); text-decoration: line-through; }
    tr.retired td:last-child { text-decoration: none; }
    .status { display: inline-block; font-size: .85em; padding: 0 .4em; border-radius: 3px; border: 1px solid currentColor; white-space: nowrap; text-decoration: none; }
    .status.active { color: #14532d; }
    .status.deprecated { color: #7c2d12; }
    .status.retired { color: #4a4a4a; }
    .status .en, .status span { color: inherit; }
    dl.facts { display: grid; grid-template-columns: minmax(8em, max-content) 1fr; gap: .3em 1em; }
    dl.facts dt { font-weight: bold; }
    dl.facts dd { margin: 0; }
    ol.results { padding-left: 1.5em; }
    ol.results li { margin: .35em 0; }
    ol.results .name-en { display: block; color: var(--muted); }
    .annexes li { margin: .4em 0; }
    .count { color: var(--muted); }
    .crumbs { margin: 0; font-size: .95em; }
    footer { border-top: 1px solid var(--line); color: var(--muted); padding: 1em; font-size: .9em; max-width: 72em; margin: 2em auto 0; }
    @media (max-width: 40em) {
      dl.facts { grid-template-columns: 1fr; }
      dl.facts dd { margin-bottom: .5em; }
      h1 { font-size: 1.35em; }
    }

    """

    /// `assets/search.js`: instant search over the index in `search-index.js` (a script, not
    /// a fetched JSON file, so the site works from `file://`). Names are compared folded: the
    /// index carries each entry's names folded by the build (``TextChecks/searchKey(_:)``), and
    /// the page folds the query the same way (decomposed, combining marks removed, đ as d, lower
    /// case, spaces collapsed), so "dinh luong glucose" finds "Định lượng Glucose". A query that looks like a code finds codes and national
    /// codes by prefix. `index.html?q=...` opens with that search done.
    static let search = """
    "use strict";
    (function () {
      var index = window.LIENTHONG_SEARCH_INDEX;
      var LIMIT = 200;
      // The query's folding; the names come folded in the index (e[6], e[7]).
      function fold(text) {
        return text.normalize("NFC").toLowerCase().normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").replace(/đ/g, "d");
      }
      var rows = index.entries.map(function (e) {
        // e: [code, nameVi, nameEn, annex, status, nationalCodes, nameVi folded, everything folded]
        return { e: e, vi: e[6], all: e[7], code: e[0].toLowerCase(), national: e[5] };
      });
      function search(query) {
        var q = fold(query.trim().replace(/\\s+/g, " "));
        if (!q) return [];
        var tokens = q.split(" ");
        var found = [];
        rows.forEach(function (r, i) {
          var rank;
          if (r.code.indexOf(q) === 0) rank = 0;
          else if (r.national.some(function (n) { return n.indexOf(q) === 0; })) rank = 1;
          else if (tokens.every(function (t) { return r.all.indexOf(t) >= 0; })) rank = r.vi.indexOf(q) === 0 ? 2 : (r.vi.indexOf(q) >= 0 ? 3 : 4);
          else return;
          found.push({ rank: rank, order: i, row: r });
        });
        found.sort(function (a, b) { return a.rank - b.rank || a.order - b.order; });
        return found;
      }
      var STATUS = { active: "đang dùng · active", deprecated: "không khuyến khích · deprecated", retired: "đã loại bỏ · retired" };
      function show(query) {
        var list = document.getElementById("results");
        var status = document.getElementById("search-status");
        var found = search(query);
        list.textContent = "";
        found.slice(0, LIMIT).forEach(function (f) {
          var e = f.row.e;
          var li = document.createElement("li");
          li.dataset.code = e[0];
          var a = document.createElement("a");
          a.href = "entry/" + e[0] + ".html";
          var code = document.createElement("code");
          code.textContent = e[0];
          a.appendChild(code);
          a.appendChild(document.createTextNode(" " + e[1]));
          li.appendChild(a);
          if (e[4] !== "active") {
            var s = document.createElement("span");
            s.className = "status " + e[4];
            s.textContent = STATUS[e[4]];
            li.appendChild(document.createTextNode(" "));
            li.appendChild(s);
          }
          var en = document.createElement("span");
          en.className = "name-en";
          en.lang = "en";
          en.textContent = e[2] + " · Phụ lục " + e[3];
          li.appendChild(en);
          list.appendChild(li);
        });
        status.dataset.count = String(found.length);
        if (!query.trim()) status.textContent = "";
        else if (found.length === 0) status.textContent = "Không tìm thấy mục nào. · No entries found.";
        else status.textContent = found.length + " kết quả" + (found.length > LIMIT ? ", hiện " + LIMIT + " đầu tiên" : "") + " · " + found.length + " results" + (found.length > LIMIT ? ", first " + LIMIT + " shown" : "");
      }
      var input = document.getElementById("q");
      if (!input) return;
      var timer = null;
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { show(input.value); }, 60);
      });
      document.getElementById("search").addEventListener("submit", function (event) {
        event.preventDefault();
        show(input.value);
      });
      var initial = new URLSearchParams(window.location.search).get("q");
      if (initial) {
        input.value = initial;
        show(initial);
      }
    })();

    """
}
