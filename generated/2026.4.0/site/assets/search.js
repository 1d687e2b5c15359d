"use strict";
(function () {
  var index = window.LIENTHONG_SEARCH_INDEX;
  var LIMIT = 200;
  // The query's folding; the names come folded in the index (e[6], e[7]).
  function fold(text) {
    return text.normalize("NFC").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
  }
  var rows = index.entries.map(function (e) {
    // e: [code, nameVi, nameEn, annex, status, nationalCodes, nameVi folded, everything folded]
    return { e: e, vi: e[6], all: e[7], code: e[0].toLowerCase(), national: e[5] };
  });
  function search(query) {
    var q = fold(query.trim().replace(/\s+/g, " "));
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
