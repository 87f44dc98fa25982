"""CMS JSON exports: the article text of each object is linted and located in the JSON file."""

from __future__ import annotations

import json

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
