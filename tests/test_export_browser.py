"""The HTML view of the seed, checked in a real browser (headless Chromium, no WebDriver library).

A copy of the exported page gets a probe script that measures what a reader sees (computed styles and
boxes) and writes it as JSON into ``<pre id="probe">``; ``chromium --dump-dom`` prints the DOM after
the page has loaded. The exported file itself has no script. A screenshot at 1024 px is saved in the
test's temporary folder.

Needs the Debian packages ``chromium`` (and ``chromium-driver`` for tools that use WebDriver); without
a browser the tests are skipped with a message.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tei_tools.export import export
from tei_tools.safexml import parse_file

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    p for p in (ROOT / "encoded" / "000_b7f1513843f1d8cd.xml", ROOT.parent / "shared" / "reference" / "seed-reference.xml")
    if p.exists()
]
BROWSER = next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None)
WIDTH = 1024
TIMEOUT = 120  # seconds for one browser run

pytestmark = [
    pytest.mark.skipif(
        BROWSER is None,
        reason="no chromium on PATH: install the Debian packages chromium and chromium-driver to run the browser test",
    ),
    pytest.mark.skipif(not SOURCES, reason="no TEI of the seed (encoded/000_*.xml or shared/reference) to render"),
]

PROBE = """
<script>
(function () {
  var all = function (sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); };
  var style = function (el) { return window.getComputedStyle(el); };
  var box = function (el) { var r = el.getBoundingClientRect(); return {left: r.left, right: r.right, width: r.width, height: r.height}; };
  var out = {
    viewport: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    lang: document.documentElement.lang,
    overflowing: all("body *").filter(function (el) {
      var r = el.getBoundingClientRect();
      return r.width > 0 && r.right > window.innerWidth + 0.5;
    }).map(function (el) { return el.tagName + "." + el.className; }),
    dels: all("del").map(function (el) { return {text: el.textContent, line: style(el).textDecorationLine}; }),
    stamps: all(".stamp").map(function (el) {
      var s = style(el);
      return {text: el.innerText, box: box(el), sides: ["Top", "Right", "Bottom", "Left"].map(function (side) {
        return {style: s["border" + side + "Style"], width: parseFloat(s["border" + side + "Width"]), color: s["border" + side + "Color"]};
      })};
    }),
    numbers: all(".para-num").map(function (el) {
      var s = style(el);
      return {text: el.textContent, box: box(el), visibility: s.visibility, display: s.display,
              opacity: parseFloat(s.opacity), color: s.color};
    }),
    pages: all(".pb").map(function (el) { return {text: el.innerText, box: box(el)}; }),
    gaps: all("abbr.gap").map(function (el) { return {title: el.title, box: box(el)}; })
  };
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


def chromium(args: list[str], profile: Path, height: int = 768) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium once with a fresh profile; fail the test on a timeout or a crash."""
    command = [
        str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1",
        f"--user-data-dir={profile}", f"--window-size={WIDTH},{height}", *args,
    ]
    env = {**os.environ, "HOME": str(profile)}
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, env=env, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium did not finish within {TIMEOUT} s: {' '.join(command)}")
    assert done.returncode == 0, f"chromium failed ({done.returncode}):\n{done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module", params=SOURCES, ids=[p.name for p in SOURCES])
def page(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The exported page of the seed, in a temporary folder of its own."""
    html = export(parse_file(request.param), "html")
    assert isinstance(html, str) and "<script" not in html
    path = tmp_path_factory.mktemp("html") / "seed.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seen(page: Path) -> dict:
    """What the browser measured on a probed copy of the page (one browser run per page)."""
    probed = page.with_name("probed.html")
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    done = chromium(["--dump-dom", probed.as_uri()], page.with_name("profile-dom"))
    match = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, re.S)
    assert match, f"the probe did not run; chromium printed:\n{done.stdout[:2000]}\n{done.stderr[-2000:]}"
    text = match.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    return json.loads(text)


def test_layout_fits_1024px(seen: dict) -> None:
    assert seen["viewport"] == WIDTH and seen["lang"] == "en"
    assert seen["scrollWidth"] <= seen["viewport"], "the page scrolls horizontally"
    assert seen["overflowing"] == []


def test_deletion_is_struck_through(seen: dict) -> None:
    assert seen["dels"] == [{"text": "their cause", "line": "line-through"}]


def test_stamps_are_boxed_and_keep_their_lines(seen: dict) -> None:
    assert len(seen["stamps"]) == 2
    for stamp in seen["stamps"]:
        assert all(s["style"] not in ("none", "hidden") and s["width"] >= 1 for s in stamp["sides"]), stamp
        assert all(s["color"] not in ("transparent", "rgba(0, 0, 0, 0)") for s in stamp["sides"]), stamp
        assert stamp["box"]["width"] > 0 and stamp["box"]["height"] > 0
        lines = [line for line in stamp["text"].splitlines() if line.strip()]
        assert len(lines) == 4 and lines[0].startswith("THIS IS A COPY"), stamp["text"]


def test_paragraph_numbers_are_visible_in_the_margin(seen: dict) -> None:
    assert [n["text"] for n in seen["numbers"]] == ["2.", "3.", "4."]
    for number in seen["numbers"]:
        assert number["display"] != "none" and number["visibility"] == "visible" and number["opacity"] > 0
        assert number["box"]["width"] > 0 and number["box"]["height"] > 0
        assert 0 <= number["box"]["left"] and number["box"]["right"] <= WIDTH


def test_page_breaks_and_gap_are_shown(seen: dict) -> None:
    assert [p["text"].strip().lower() for p in seen["pages"]] == ["page 1", "page 2"]
    assert len(seen["gaps"]) == 1 and seen["gaps"][0]["title"].startswith("Text missing from the copy")
    assert seen["gaps"][0]["box"]["width"] > 0


def test_screenshot(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "html-view.png"
    chromium([f"--screenshot={shot}", page.as_uri()], tmp_path / "profile-shot", height=2200)
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
