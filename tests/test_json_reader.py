"""CMS JSON exports: the article text of each object is linted and located in the JSON file."""

from __future__ import annotations

import json

import pytest

from lint import cli
from lint.readers import read_bytes

from helpers import newslint

EXPORT = (
    '{"id": 1, "title": "Budget", "date": "2024-10-30", "body": "The vote was close;; the count took '
    'days.\\nShe said \\u201cno\\u201d, then left. .", "author": "A. Writer"}\n'
    '{"id": 2, "published_at": "2024-10-31T09:00:00Z", "body": "Fine copy here. And the the end."}\n'
)


def findings(path, *args):
    run = newslint("check", "--grammar-backend", "none", "--format", "json", *args, path)
    report = json.loads(run.stdout)
    return [
        (d["rule"], d["start"]["line"], d["start"]["column"], d["text"])
        for d in report["files"][0]["diagnostics"]
    ]


def test_json_lines_positions_point_into_the_file(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(EXPORT, encoding="utf-8")
    line1 = EXPORT.split("\n")[0]
    assert findings(path) == [
        ("punctuation.doubled-mark", 1, line1.index(";;") + 1, ";;"),
        ("punctuation.doubled-mark", 1, line1.index(". .") + 1, ". ."),
        ("typos.repeated-word", 2, EXPORT.split("\n")[1].index("the the") + 1, "the the"),
    ]


def test_escapes_are_text_and_the_date_comes_from_the_article():
    doc = read_bytes(EXPORT.encode(), "export.jsonl").document
    assert "She said \u201cno\u201d, then left." in doc.text
    assert "\\u201c" not in doc.text and '"id"' not in doc.text
    assert (doc.date.isoformat(), doc.date_source) == ("2024-10-30", "document")


def test_fix_keeps_valid_json(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(EXPORT, encoding="utf-8")
    newslint("check", "--grammar-backend", "none", "--fix", path)
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert (
        articles[0]["body"] == "The vote was close; the count took days.\nShe said \u201cno\u201d, then left."
    )
    assert articles[1]["body"] == "Fine copy here. And the end."
    assert articles[0]["author"] == "A. Writer"


def test_single_object_with_configured_field_names(tmp_path):
    (tmp_path / ".newslint.toml").write_text('json-body-fields = ["story"]\njson-date-fields = ["when"]\n')
    path = tmp_path / "article.json"
    path.write_text(
        json.dumps({"when": "2023-02-28", "story": "Done. .", "body": "Not this one. ."}, indent=2)
    )
    assert findings(path) == [("punctuation.doubled-mark", 3, 17, ". .")]
    run = newslint("check", "--grammar-backend", "none", "--format", "json", path)
    assert json.loads(run.stdout)["files"][0]["date"] == "2023-02-28"


# -- CMS exports as newsrooms make them: WordPress REST, wrappers, many articles a file --------

WORDPRESS = (
    '[{"id": 7, "date": "2024-03-05T10:00:00", "content": {"rendered": "<p>The the talks resumed..</p>"}}]\n'
)


def run(capsys, *args) -> tuple[int, str]:
    """``newslint check`` in this process (no cache, no grammar backend): status and output."""
    code = cli.main(["check", "--grammar-backend", "none", "--jobs", "1", "--no-cache", *map(str, args)])
    return code, capsys.readouterr().out


def report(capsys, *args) -> dict:
    return json.loads(run(capsys, "--format", "json", *args)[1])


def apply(source: str, diagnostics: list[dict]) -> str:
    edits = sorted(
        (e for d in diagnostics for e in d["fix"]["edits"]), key=lambda e: e["start"], reverse=True
    )
    for e in edits:
        source = source[: e["start"]] + e["replacement"] + source[e["end"] :]
    return source


def test_wordpress_export_findings_sit_at_exact_json_offsets(tmp_path, capsys):
    path = tmp_path / "posts.json"
    path.write_text(WORDPRESS, encoding="utf-8")
    [file] = report(capsys, path)["files"]
    found = [(d["rule"], d["start"]["offset"], d["end"]["offset"], d["text"]) for d in file["diagnostics"]]
    at = WORDPRESS.index("The the")
    assert found == [
        ("typos.repeated-word", at, at + 7, "The the"),
        ("punctuation.doubled-mark", WORDPRESS.index(".."), WORDPRESS.index("..") + 2, ".."),
    ]
    assert all(
        d["article"] == {"number": 1, "id": "7", "pointer": "/0", "date": "2024-03-05"}
        for d in file["diagnostics"]
    )
    # The fixes, applied as the report gives them, leave valid JSON with the tags kept.
    fixed = json.loads(apply(WORDPRESS, file["diagnostics"]))
    assert fixed[0]["content"]["rendered"] == "<p>The talks resumed.</p>"


def test_wordpress_fix_round_trips_and_stays_escaped(tmp_path, capsys):
    # As WordPress writes it: escaped slashes and non-ASCII as \u escapes, entities in the HTML.
    source = (
        '{"id": 7, "date": "2024-03-05T10:00:00", "title": {"rendered": "Talks &#8211; day one"},\n'
        ' "content": {"rendered": "<p>The the talks resumed..<\\/p>\\n<p>She said \\u201cyes\\u201d '
        '&amp; left , then came back.<\\/p>\\n<p>Officials met <em>again<\\/em> and and agreed.<\\/p>"}}\n'
    )
    path = tmp_path / "post.json"
    path.write_text(source, encoding="utf-8")
    before = report(capsys, path)["files"][0]["diagnostics"]
    assert [(d["rule"], d["text"]) for d in before] == [
        ("typos.repeated-word", "The the"),
        ("punctuation.doubled-mark", ".."),
        ("punctuation.space-before-mark", " ,"),
        ("typos.repeated-word", "and and"),
    ]
    assert all(d["article"]["id"] == "7" for d in before)
    run(capsys, "--fix", path)
    after = path.read_text(encoding="utf-8")
    assert after.isascii()  # written back with \u escapes, as it was
    assert json.loads(after)["content"]["rendered"] == (
        "<p>The talks resumed.</p>\n<p>She said \u201cyes\u201d &amp; left, then came back.</p>\n"
        "<p>Officials met <em>again</em> and agreed.</p>"
    )
    assert "<\\/p>" in after and "\\u201c" in after and "&amp;" in after
    assert report(capsys, path)["files"][0]["diagnostics"] == []


@pytest.mark.parametrize("wrapper", ["items", "data", "articles", "posts"])
def test_wrappers_read_every_article(tmp_path, capsys, wrapper):
    export = {
        "page": 1,
        wrapper: [
            {"id": 1, "date": "2024-01-02", "body": "Clean copy. The talks resumed."},
            {"id": 2, "date": "2024-01-03", "body": "The the talks resumed."},
            {"date": "2024-01-04", "body": "Talks resumed. ."},
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export, indent=2), encoding="utf-8")
    found = [
        (d["rule"], d["article"]["number"], d["article"]["id"], d["article"]["pointer"])
        for d in report(capsys, path)["files"][0]["diagnostics"]
    ]
    assert found == [
        ("typos.repeated-word", 2, "2", f"/{wrapper}/1"),
        ("punctuation.doubled-mark", 3, None, f"/{wrapper}/2"),
    ]


def test_a_nested_object_before_the_body_is_not_the_body(tmp_path, capsys):
    source = json.dumps(
        {"id": 3, "image": {"text": "Photo by A. Writer. ."}, "body": "The the talks resumed."}
    )
    doc = read_bytes(source.encode(), "a.json").document
    assert doc.text == "The the talks resumed."
    path = tmp_path / "a.json"
    path.write_text(source, encoding="utf-8")
    assert [(d["rule"], d["text"]) for d in report(capsys, path)["files"][0]["diagnostics"]] == [
        ("typos.repeated-word", "The the")
    ]


def test_nested_field_paths_in_the_configuration(tmp_path, capsys):
    (tmp_path / ".newslint.toml").write_text(
        'json-body-fields = ["story.copy"]\njson-date-fields = ["meta.published"]\n'
        'json-id-fields = ["meta.guid"]\njson-title-fields = ["story.headline"]\n'
    )
    article = {
        "meta": {"guid": "abc-1", "published": "2023-02-28"},
        "body": "Not this one. .",
        "story": {"headline": "Budget", "copy": "Done. ."},
    }
    path = tmp_path / "a.json"
    path.write_text(json.dumps(article), encoding="utf-8")
    [d] = report(capsys, "--config", tmp_path / ".newslint.toml", path)["files"][0]["diagnostics"]
    assert (d["text"], d["article"]["id"], d["article"]["date"]) == (". .", "abc-1", "2023-02-28")
    assert d["start"]["offset"] == path.read_text().index('. ."}')
    doc = read_bytes(
        path.read_bytes(),
        "a.json",
        options={"body_fields": ("story.copy",), "title_fields": ("story.headline",)},
    ).document
    assert doc.articles[0].title == "Budget"


SCHOLZ = "Chancellor Olaf Scholz met farmers in Berlin on Tuesday."


def test_each_article_is_checked_against_its_own_date(tmp_path, capsys):
    # Olaf Scholz was chancellor until 2025-05-06: only the article dated after it is wrong,
    # whichever comes first in the file.
    for first, second in (("2023-05-02", "2025-06-10"), ("2025-06-10", "2023-05-02")):
        export = [{"id": "a", "date": first, "body": SCHOLZ}, {"id": "b", "date": second, "body": SCHOLZ}]
        path = tmp_path / "export.json"
        path.write_text(json.dumps(export), encoding="utf-8")
        found = [
            (d["rule"], d["article"]["id"])
            for d in report(capsys, "--select", "fact.title-date", path)["files"][0]["diagnostics"]
        ]
        late = "a" if first == "2025-06-10" else "b"
        assert found == [("fact.title-date", late)]
    # --date still speaks for every article.
    found = report(capsys, "--select", "fact.title-date", "--date", "2025-06-10", path)["files"][0][
        "diagnostics"
    ]
    assert [d["article"]["id"] for d in found] == ["a", "b"]


def test_the_article_is_named_in_every_format(tmp_path, capsys):
    export = (
        '{"id": 1, "body": "Fine copy."}\n{"id": 42, "body": "Talks resumed. ."}\n'
        '{"body": "And the the end."}\n'
    )
    path = tmp_path / "export.jsonl"
    path.write_text(export, encoding="utf-8")
    _, text = run(capsys, path)
    assert f"{path}:2:" in text and "[punctuation.doubled-mark] Stray punctuation: '. .' [article 42]" in text
    assert "[typos.repeated-word] Repeated word: 'the the' [article #3]" in text
    _, concise = run(capsys, "--format", "concise", path)
    assert "[article 42]" in concise and "[article #3]" in concise
    data = report(capsys, path)
    assert data["version"] == 2
    assert [d["article"] for d in data["files"][0]["diagnostics"]] == [
        {"number": 2, "id": "42", "pointer": "", "date": None},
        {"number": 3, "id": None, "pointer": "", "date": None},
    ]
    _, github = run(capsys, "--format", "github", path)
    assert "::Stray punctuation: '. .' [article 42]" in github and "[article #3]" in github
    _, sarif = run(capsys, "--format", "sarif", path)
    results = json.loads(sarif)["runs"][0]["results"]
    assert [r["locations"][0]["logicalLocations"][0]["name"] for r in results] == ["article 42", "article #3"]
    assert results[0]["properties"]["article"]["id"] == "42"


def test_report_schema_takes_articles(tmp_path, capsys):
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("lint.schemas").joinpath("report.schema.json").read_text())
    path = tmp_path / "posts.json"
    path.write_text(WORDPRESS, encoding="utf-8")
    jsonschema.Draft202012Validator(schema).validate(report(capsys, path))


def test_the_cache_keeps_the_article(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    path = tmp_path / "posts.json"
    path.write_text(WORDPRESS, encoding="utf-8")
    args = [
        "check",
        "--grammar-backend",
        "none",
        "--jobs",
        "1",
        "--cache-dir",
        str(tmp_path / "c"),
        str(path),
    ]
    outputs = []
    for _ in range(2):
        cli.main(args)
        outputs.append(capsys.readouterr().out)
        assert any(p.is_file() for p in (tmp_path / "c").rglob("v*/*/*"))  # the second run reads it
    assert outputs[0] == outputs[1] and outputs[0].count("[article 7]") == 2


def test_config_command_shows_the_json_fields(tmp_path, capsys):
    (tmp_path / ".newslint.toml").write_text('json-id-fields = ["meta.guid"]\n')
    assert cli.main(["config", "--format", "json", str(tmp_path / "a.json")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["json-id-fields"] == ["meta.guid"]
    assert "content.rendered" in data["json-body-fields"] and "title.rendered" in data["json-title-fields"]
