"""--format html in a real browser: Chromium (the Debian package), driven by Playwright.

The page must render offline, put every finding's highlight exactly on its flagged text (also
where findings overlap and after characters outside the BMP), show the message and fix on
hover and click, and filter by category and severity.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from lint.cli import main

from conftest import ROOT

SEEDS = ["seeds/eastern-herald-blinken-central-asia.txt", "seeds/climate-summit-mt.txt"]
# Overlapping findings, markup, and characters that take two UTF-16 units in the browser.
STORY_MD = """# Minister 🎉 speaks

The the minister said ;; nothing & left, according to *officials*.. 𝔘 more text here.

- A list item with a doubled mark ,, inside.
"""


def chromium_binary() -> str | None:
    for name in (os.environ.get("NEWSLINT_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    story = folder / "story.md"
    story.write_text(STORY_MD, encoding="utf-8")
    paths = [str(ROOT / p) for p in SEEDS] + [str(story)]
    common = ["check", *paths, "--date", "2023-02-28", "--no-cache"]
    page = folder / "report.html"
    assert main([*common, "--format", "html", "-o", str(page)]) == 1
    assert main([*common, "--format", "json", "-o", str(folder / "report.json")]) == 1
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    return page, data


def test_page_is_self_contained(report):
    page, data = report
    text = page.read_text(encoding="utf-8")
    assert "http://" not in text.split("<body>")[0] and "<link" not in text and " src=" not in text
    assert "default-src 'none'" in text
    assert text.count('<li data-id="') == data["summary"]["diagnostics"]


@pytest.fixture(scope="module")
def browser():
    binary = chromium_binary()
    if binary is None:
        pytest.skip("no chromium binary (apt-get install chromium, as .ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=binary, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, report):
    path, _ = report
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    yield page
    assert requests == [path.as_uri()], "the page fetched something"
    assert errors == [], errors
    page.close()


def test_highlights_sit_on_the_flagged_text(page, report):
    _, data = report
    found = page.evaluate(
        """() => {
        const out = {};
        document.querySelectorAll('ol.findings li[data-id]').forEach(li => {
            const marks = [...document.querySelectorAll('mark.hl')]
                .filter(m => m.dataset.f.split(' ').includes(li.dataset.id));
            out[li.dataset.id] = {
                rule: li.dataset.rule,
                text: marks.map(m => m.textContent).join(''),
                visible: marks.every(m => {
                    const r = m.getBoundingClientRect();
                    return r.width > 0 && r.height > 0;
                }),
                lit: marks.every(m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)'),
                contiguous: marks.every((m, i) => i === 0 || marks[i - 1].nextSibling === m),
            };
        });
        return out;
    }"""
    )
    assert len(found) == data["summary"]["diagnostics"] >= 20
    for i, f in enumerate(data["files"]):
        for j, d in enumerate(f["diagnostics"]):
            got = found[f"{i}-{j}"]
            assert got["rule"] == d["rule"]
            if d["start"]["offset"] == d["end"]["offset"]:
                continue  # a file-level notice is a flag, not a highlight
            assert got["text"] == d["text"], (d["rule"], got["text"], d["text"])
            assert got["visible"] and got["lit"] and got["contiguous"], (d["rule"], got)
    rules = {d["rule"] for f in data["files"] for d in f["diagnostics"]}
    assert {"fact.misnamed-official", "grammar.quote-tail", "typos.repeated-word"} <= rules


def test_what_a_highlight_says_on_hover_and_click(page):
    mark = page.locator("mark.hl", has_text="Anthony Blinken").first
    assert "fact.misnamed-official" in mark.get_attribute("title")
    assert "replace with 'Antony Blinken'" in mark.get_attribute("title")
    # The element under the middle of the highlight is the highlight itself: nothing covers it.
    box = mark.bounding_box()
    tag = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).textContent",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert tag == "Anthony Blinken"
    mark.click()
    pop = page.locator("#pop")
    assert pop.is_visible()
    assert "misspelling of Antony Blinken" in pop.inner_text() and "Fix: Replace with 'Antony Blinken'" in (
        pop.inner_text()
    )
    page.keyboard.press("Escape")
    assert not pop.is_visible()


def test_filters_by_category_and_severity(page, report):
    _, data = report
    total = data["summary"]["diagnostics"]
    punct = sum(d["category"] == "punctuation" for f in data["files"] for d in f["diagnostics"])
    assert page.locator("#shown").inner_text() == str(total)
    page.check('input[value="category:punctuation"]')
    page.uncheck('input[value="category:punctuation"]')
    assert page.locator("#shown").inner_text() == str(total - punct)
    doubled = page.locator("mark.hl", has_text=";;").first
    assert "off" in doubled.get_attribute("class")
    assert doubled.evaluate("m => getComputedStyle(m).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert "off" not in page.locator("mark.hl", has_text="Anthony Blinken").first.get_attribute("class")
    assert "off" in page.locator('tr[data-rule="punctuation.doubled-mark"]').get_attribute("class")

    page.uncheck('input[value="severity:error"]')
    errors_left = sum(
        d["category"] != "punctuation" and d["severity"] == "error"
        for f in data["files"]
        for d in f["diagnostics"]
    )
    assert page.locator("#shown").inner_text() == str(total - punct - errors_left)
    assert "off" in page.locator("mark.hl", has_text="Anthony Blinken").first.get_attribute("class")
    page.check('input[value="category:punctuation"]')
    page.check('input[value="severity:error"]')
    assert page.locator("#shown").inner_text() == str(total)


def test_chromium_command_line_renders_the_page(report):
    """The plainest browser run, without Playwright: headless Chromium dumps the DOM after
    the page's script ran."""
    binary = chromium_binary()
    if binary is None:
        pytest.skip("no chromium binary (apt-get install chromium, as .ci/run does)")
    path, data = report
    run = subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert f'<span id="shown">{data["summary"]["diagnostics"]}</span>' in run.stdout
    assert run.stdout.count('class="hl ') >= data["summary"]["diagnostics"]
