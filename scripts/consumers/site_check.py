#!/usr/bin/env python3
"""Consumer check: the static catalog site of every version in generated/ that publishes one.

Without a browser, on every page: each internal link and fragment resolves to a file (and an
element id) of the site, nothing is loaded from outside the folder (scripts, styles, images),
each page has a language, a title and one h1, and there is one entry page per catalog.json entry.

In headless Chromium (Debian's `chromium`), driven through the DevTools protocol over a pipe
(`--remote-debugging-pipe`, no extra package): the home page, every annex page, the coverage page
and a sample of entry pages load from file:// without console errors, exceptions or requests
outside the folder; the search finds for accented and unaccented queries and for code prefixes
exactly the entries a folding of catalog.json's names predicts; every text is at WCAG AA contrast;
Tab reaches the skip link first and the search box soon after; no page scrolls sideways on a
phone-sized screen; the search box has a label. Screenshots of the home page and of
a search result page are kept in SCREENSHOT_DIR (default .build/site-check).
Usage: site_check.py GENERATED_DIR [SCREENSHOT_DIR]"""
import base64
import fcntl
import html.parser
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse

LIMIT = 200


def fail(message):
    print(f"site: {message}", file=sys.stderr)
    return 1


def fold(text):
    """The search's folding: NFD, combining marks removed, đ as d, lower case."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not (0x300 <= ord(c) <= 0x36F))
    return text.replace("đ", "d").replace("Đ", "D").lower()


def expected_search(catalog, query):
    """The codes the search should list, in order, computed from catalog.json."""
    q = fold(" ".join(query.split()))
    tokens = q.split(" ")
    found = []
    for i, e in enumerate(catalog["entries"]):
        national = [n["maTuongDuong"] for n in e["nationalCodes"]]
        vi = fold(e["nameVi"])
        everything = fold(" ".join([e["nameVi"], e["nameEn"], e["code"], " ".join(national)]))
        if e["code"].lower().startswith(q):
            rank = 0
        elif any(n.startswith(q) for n in national):
            rank = 1
        elif all(t in everything for t in tokens):
            rank = 2 if vi.startswith(q) else 3 if q in vi else 4
        else:
            continue
        found.append((rank, i, e["code"]))
    return [code for _, _, code in sorted(found)]


class Page(html.parser.HTMLParser):
    """Links, resources, ids and the structural facts of one HTML page."""

    def __init__(self):
        super().__init__()
        self.links, self.resources, self.ids = [], [], set()
        self.lang, self.title, self.h1 = None, False, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "title":
            self.title = True
        if tag == "h1":
            self.h1 += 1
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag in ("script", "img", "iframe", "audio", "video", "source") and "src" in a:
            self.resources.append(a["src"])
        if tag == "link" and "href" in a:
            self.resources.append(a["href"])
        if tag == "form" and "action" in a:
            self.links.append(a["action"])


def static_check(site, catalog):
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parser = Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path] = parser
    by_file = {path.resolve(): page for path, page in pages.items()}
    for path, page in pages.items():
        where = path.relative_to(site)
        if page.lang not in ("vi", "en") or not page.title or page.h1 != 1:
            return f"{where}: lang {page.lang!r}, title {page.title}, {page.h1} h1 elements (want a language, a title, one h1)"
        for resource in page.resources:
            if resource.startswith("data:"):
                continue
            if urllib.parse.urlparse(resource).scheme or resource.startswith("//"):
                return f"{where}: loads {resource} from outside the site"
            if not (path.parent / resource).resolve().is_file():
                return f"{where}: resource {resource} does not exist"
        for link in page.links:
            parsed = urllib.parse.urlparse(link)
            if parsed.scheme in ("http", "https", "mailto"):
                continue
            target = (path.parent / urllib.parse.unquote(parsed.path)).resolve() if parsed.path else path.resolve()
            if not target.is_file() or site.resolve() not in target.parents:
                return f"{where}: link {link} does not resolve to a page of the site"
            if parsed.fragment and parsed.fragment not in by_file[target].ids:
                return f"{where}: link {link} names no element of its page"
    entry_pages = {p.stem for p in (site / "entry").glob("*.html")}
    codes = {e["code"] for e in catalog["entries"]}
    if entry_pages != codes:
        return f"entry pages and catalog.json differ: {sorted(entry_pages ^ codes)[:5]}"
    for e in catalog["entries"][:: max(1, len(catalog["entries"]) // 50)]:
        text = (site / "entry" / f"{e['code']}.html").read_text(encoding="utf-8")
        if e["code"] not in text or html_escape(e["nameVi"]) not in text:
            return f"entry/{e['code']}.html does not show its code and Vietnamese name"
    # From json format 1.4.0 each mapping has evidence, and its entry page shows it on the line
    # under the mapping: "Xác nhận bởi / confirmed by <file> <release>: <code> <name>".
    for e in catalog["entries"]:
        evidences = [m["evidence"] for m in e["mappings"] if "evidence" in m]
        if not evidences:
            continue
        text = (site / "entry" / f"{e['code']}.html").read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if 'class="evidence"' in line]
        if len(lines) != len(evidences):
            return f"entry/{e['code']}.html shows {len(lines)} evidence lines for {len(evidences)} mappings"
        for line, ev in zip(lines, evidences):
            wanted = ["Xác nhận bởi", "confirmed by", html_escape(ev["file"]), html_escape(ev["code"]), html_escape(ev["name"])]
            if ev.get("release"):
                wanted.append(html_escape(ev["release"]))
            missing = [w for w in wanted if w not in line]
            if missing:
                return f"entry/{e['code']}.html: the evidence line of {ev['code']} lacks {missing}"
    return None


def html_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


class Browser:
    """Headless Chromium driven through the DevTools protocol over a pipe (fds 3 and 4)."""

    def __init__(self, profile):
        exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if exe is None:
            raise RuntimeError("chromium is not installed; run scripts/install-deps.sh")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def child_fds():
            # Moved above 10 first, so that neither end is overwritten by the other's dup2,
            # and dup2 to a different number makes 3 and 4 inheritable.
            high_r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.process = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", f"--user-data-dir={profile}",
             "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--disable-extensions", "--allow-file-access-from-files", "--window-size=1280,900", "about:blank"],
            close_fds=False, preexec_fn=child_fds,  # fds 3 and 4 are made after the fork, so they must not be closed
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer, self.next_id, self.events = b"", 0, []
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)

    def _read(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, session=False, timeout=60, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event, timeout=60):
        deadline = time.time() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == event:
                del self.events[: i + 1]
                return e
        while True:
            e = self._read(deadline)
            if e.get("method") == event:
                return e
            self.events.append(e)

    def open(self, url):
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def problems(self):
        """Console errors, exceptions and requests outside file:// since the last navigation."""
        found = []
        for e in self.events:
            method, p = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(f"exception: {p['exceptionDetails'].get('text')} {p['exceptionDetails'].get('exception', {}).get('description', '')}")
            elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
                found.append(f"console.{p['type']}: {[a.get('value', a.get('description')) for a in p.get('args', [])]}")
            elif method == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
                found.append(f"log {p['entry']['level']}: {p['entry']['text']} {p['entry'].get('url', '')}")
            elif method == "Network.requestWillBeSent" and not p["request"]["url"].startswith(("file://", "data:")):
                found.append(f"request outside the site: {p['request']['url']}")
        return found

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", session=True, format="png", captureBeyondViewport=False)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# Every visible text element's colour against its (first opaque) background, WCAG 2 ratio.
CONTRAST = """(() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const background = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.length === 3 || c[3] > 0) return c; } return [255, 255, 255]; };
  const low = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || el.closest('.skip')) continue;
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(el.tagName + '.' + el.className + ' ' + ratio.toFixed(2) + ': ' + el.textContent.trim().slice(0, 30));
  }
  return low;
})()"""


def results(browser):
    return browser.evaluate("Array.from(document.querySelectorAll('#results li')).map(li => li.dataset.code)")


def browser_check(site, catalog, shots):
    base = site.resolve().as_uri()
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(profile)
        try:
            sample = [e["code"] for e in catalog["entries"][:: max(1, len(catalog["entries"]) // 20)]]
            sample += [e["code"] for e in catalog["entries"] if e["status"] == "retired"][:2]
            pages = ["index.html", "coverage.html"] + [f"annex-{a['number']}.html" for a in catalog["annexes"]] + [f"entry/{c}.html" for c in sample]
            for page in pages:
                browser.open(f"{base}/{page}")
                problems = browser.problems()
                if problems:
                    return f"{page}: {problems[:3]}"
                if browser.evaluate("document.querySelectorAll('h1').length") != 1:
                    return f"{page}: does not render one h1"
                low = browser.evaluate(CONTRAST)
                if low:
                    return f"{page}: text below WCAG AA contrast (4.5:1): {low[:3]}"
            # The search: typed into the box, and opened as index.html?q=...
            browser.open(f"{base}/index.html")
            if not browser.evaluate("document.getElementById('q').labels.length > 0"):
                return "the search box has no label"
            browser.screenshot(shots / "home.png")
            # Keyboard: the first Tab reaches the skip link, the next ones the navigation and the search box.
            focused = []
            for _ in range(5):
                for kind in ("keyDown", "keyUp"):
                    browser.call("Input.dispatchKeyEvent", session=True, type=kind, key="Tab", code="Tab", windowsVirtualKeyCode=9)
                focused.append(browser.evaluate("document.activeElement.id || document.activeElement.className || document.activeElement.tagName"))
            if focused[0] != "skip" or "q" not in focused:
                return f"keyboard: Tab visits {focused}, expected the skip link first and the search box soon after"
            accented, plain = "Định lượng Glucose", "dinh luong glucose"
            queries = [accented, plain, "DINH LUONG GLUCOSE", "glucose", "chụp cắt lớp vi tính", "chup cat lop vi tinh", "HS00", "dq01", "23.0075"]
            for query in queries:
                browser.evaluate(f"(() => {{ const q = document.getElementById('q'); q.value = {json.dumps(query)}; q.dispatchEvent(new Event('input')); }})()")
                time.sleep(0.15)
                want = expected_search(catalog, query)
                got = results(browser)
                count = browser.evaluate("document.getElementById('search-status').dataset.count")
                if got != want[:LIMIT] or count != str(len(want)):
                    return f"search {query!r}: shows {len(got)} of {count} results {got[:5]}, expected {len(want)} {want[:5]}"
                if not want:
                    return f"search {query!r}: the catalog has no match, the test proves nothing"
            if expected_search(catalog, accented) != expected_search(catalog, plain):
                return "accented and unaccented queries should find the same entries"
            glucose = next(e["code"] for e in catalog["entries"] if e["nameVi"].startswith("Định lượng Glucose"))
            browser.open(f"{base}/index.html?q={urllib.parse.quote(plain)}")
            got = results(browser)
            if not got or got[0] != glucose or browser.problems():
                return f"index.html?q={plain}: first result {got[:1]}, expected {glucose}; {browser.problems()[:3]}"
            browser.screenshot(shots / "search.png")
            # A result is a link to its entry page, and it opens.
            href = browser.evaluate("document.querySelector('#results li a').href")
            browser.open(href)
            if browser.evaluate("document.querySelector('main code').textContent") != glucose or browser.problems():
                return f"the first result's link {href} does not open {glucose}"
            # Readable on a phone: no sideways scrolling of the page at 390 px.
            browser.call("Emulation.setDeviceMetricsOverride", session=True, width=390, height=844, deviceScaleFactor=2, mobile=True)
            for page in ["index.html?q=glucose", "annex-6.html", f"entry/{glucose}.html"]:
                browser.open(f"{base}/{page}")
                width = browser.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                if width[0] > width[1] + 1:
                    return f"{page}: on a 390 px screen the page is {width[0]} px wide (scrolls sideways)"
            browser.open(f"{base}/index.html?q={urllib.parse.quote(plain)}")
            browser.screenshot(shots / "search-phone.png")
        finally:
            browser.close()
    return None


def main():
    out = pathlib.Path(sys.argv[1])
    shots = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else ".build/site-check")
    shots.mkdir(parents=True, exist_ok=True)
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    checked = 0
    for release in index["releases"]:
        folder = out / release["version"]
        site = folder / "site"
        if not site.is_dir():
            continue
        catalog = json.loads((folder / "json/catalog.json").read_text(encoding="utf-8"))
        error = static_check(site, catalog) or browser_check(site, catalog, shots)
        if error:
            return fail(f"{site}: {error}")
        # The checks can fail: a broken link is found.
        with tempfile.TemporaryDirectory() as tmp:
            copy = pathlib.Path(tmp) / "site"
            shutil.copytree(site, copy)
            page = copy / "coverage.html"
            page.write_text(page.read_text(encoding="utf-8").replace('href="annex-1.html"', 'href="annex-99.html"', 1), encoding="utf-8")
            if static_check(copy, catalog) is None:
                return fail("a site with a broken link passes; the check checks nothing")
        print(f"site: {site}: {len(list(site.rglob('*.html')))} pages, links resolve, nothing loaded from outside; "
              f"Chromium: no console errors, accented/unaccented/code searches agree with catalog.json; screenshots in {shots}")
        checked += 1
    if checked == 0:
        return fail("no site found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
