"""The learned boilerplate block model (lint/kinds/boilerplate_model.py): findings on
hand-written articles, the shipped weights, and a lint run free of the training stack."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lint.config import load_config
from lint.datafiles.packaged import builtin_pack_dir
from lint.datafiles.strict import DataError
from lint.kinds import boilerplate_model as bm
from lint.rules.registry import load_registry

from helpers import fix, lint

ROOT = Path(__file__).resolve().parent.parent

HEADLINE = "Council backs new cycle lanes"
LEAD = (
    "The city council voted on Tuesday to build 12 miles of protected cycle lanes across the "
    "centre, after a year of consultation with residents and businesses."
)
BODY = "The first lanes will open in the spring, the council's transport chief, Ann Lee, said."
CTA = "Sign up for our free newsletter to get the best of local news in your inbox every morning"
ARTICLE = f"{HEADLINE}\n\n{LEAD}\n\n{BODY}\n\n{CTA}\n"
MORE = "Work on the second phase is due to start in 2026, officials said."


def model_findings(text: str):
    return [d for d in lint(text, ("boilerplate",)) if d.rule == "boilerplate.model"]


def test_call_to_action_at_the_end_is_flagged_with_its_exact_span():
    [d] = model_findings(ARTICLE)
    start = ARTICLE.index(CTA)
    assert (d.span.start, d.span.end, d.text) == (start, start + len(CTA), CTA)
    assert d.category == "boilerplate" and d.severity.value == "warning"
    assert d.fix is not None and d.fix.applicability.value == "unsafe"
    assert "reader-addressed call to action" in d.message
    assert "at the end of the article" in d.message


def test_the_fix_deletes_the_line_and_round_trips():
    fixed = fix(ARTICLE, ("boilerplate.model",))
    assert fixed == f"{HEADLINE}\n\n{LEAD}\n\n{BODY}\n\n"
    assert model_findings(fixed) == []
    # without --unsafe-fixes the line stays
    assert fix(ARTICLE, ("boilerplate.model",), unsafe=False) == ARTICLE


def test_headline_lead_and_news_paragraphs_are_not_flagged():
    clean = f"{HEADLINE}\n\n{LEAD}\n\n{BODY}\n\nWork on the second phase is due to start in 2026.\n"
    assert model_findings(clean) == []


def test_dateline_quote_and_correction_are_kept():
    text = (
        "LONDON — Ministers met on Monday to agree the budget, officials said.\n\n"
        "“We will not be rushed,” the minister told reporters outside the Treasury.\n\n"
        "This article was amended on 3 May 2024 to correct the minister's title.\n"
    )
    assert model_findings(text) == []


def test_a_line_the_phrase_rules_flag_gets_one_finding():
    text = f"{HEADLINE}\n\n{LEAD}\n\n{BODY}\n\nSubscribe to our newsletter\n"
    found = [d for d in lint(text, ("boilerplate",)) if d.text == "Subscribe to our newsletter"]
    assert [d.rule for d in found] == ["boilerplate.newsletter"]


def test_threshold_from_the_configuration(tmp_path):
    (tmp_path / ".newslint.toml").write_text('[rule-params."boilerplate.model"]\nedge-threshold = 1.0\n')
    config = load_config(tmp_path / ".newslint.toml")
    reg = load_registry(context=config.context)
    assert [d for d in lint(ARTICLE, ("boilerplate.model",), reg=reg)] == []
    # the call to action is below the last prose paragraph: the other threshold does not apply
    (tmp_path / ".newslint.toml").write_text('[rule-params."boilerplate.model"]\nthreshold = 1.0\n')
    reg = load_registry(context=load_config(tmp_path / ".newslint.toml").context)
    assert len(lint(ARTICLE, ("boilerplate.model",), reg=reg)) == 1
    (tmp_path / ".newslint.toml").write_text('[rule-params."boilerplate.model"]\nthreshold = 0\n')
    with pytest.raises(DataError, match="threshold"):
        load_registry(context=load_config(tmp_path / ".newslint.toml").context).compile_all()


def test_rule_params_for_an_unknown_rule_is_an_error(tmp_path):
    (tmp_path / ".newslint.toml").write_text('[rule-params."boilerplate.modle"]\nthreshold = 0.5\n')
    with pytest.raises(DataError, match="unknown rule 'boilerplate.modle'"):
        load_registry(context=load_config(tmp_path / ".newslint.toml").context)


def test_shipped_weights_give_the_scores_recorded_in_training():
    data = json.loads((builtin_pack_dir() / bm.MODEL_FILE).read_text(encoding="utf-8"))
    assert data["provenance"]["command"].startswith("python bench/train_boilerplate.py")
    check = data["check"]
    scores = bm.score_texts(check["texts"])
    assert scores == pytest.approx(check["scores"], abs=1e-4)
    # the recorded article has furniture in it: the model must tell it apart. Its prose
    # paragraphs are never scored at lint time (nor trained on), so only the headline counts.
    texts = check["texts"]
    assert [bm._Block(t).prose for t in texts] == [False, True, True, False, False]
    assert scores[0] < min(data["threshold"], data["top-threshold"], data["edge-threshold"])
    assert min(scores[3:]) >= data["edge-threshold"]


def test_linting_does_not_import_the_training_stack(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    code = (
        "import sys; from lint.cli import main\n"
        "try:\n    main(['check', '--no-cache', '--grammar-backend', 'none', '--select', 'boilerplate', "
        f"{str(path)!r}])\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy', 'numpy'))\n"
        "print('IMPORTED', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert "boilerplate.model" in out.stdout, out.stdout + out.stderr
    assert "IMPORTED []" in out.stdout, out.stdout


def test_the_rule_uses_the_threshold_calibrated_in_training():
    data = json.loads((builtin_pack_dir() / bm.MODEL_FILE).read_text(encoding="utf-8"))
    rule = load_registry().get("boilerplate.model")
    assert rule.params["threshold"] == data["threshold"]
    assert rule.params["edge-threshold"] == data["edge-threshold"]
    assert rule.params["top-threshold"] == data["top-threshold"]
    assert rule.params["run-threshold"] == data["run-threshold"]


def test_a_block_far_longer_than_furniture_is_never_flagged():
    long_cta = " ".join(["Sign up for our newsletter and follow us on Twitter for more."] * 12)
    assert model_findings(f"{HEADLINE}\n\n{LEAD}\n\n{BODY}\n\n{long_cta}\n") == []


def test_a_text_without_a_prose_paragraph_is_not_judged():
    assert model_findings("Fine.\n") == []
    assert model_findings(f"{HEADLINE}\n\n{CTA}\n") == []


def test_wire_credits_are_kept_unless_the_configuration_drops_them(tmp_path):
    credit = "(Reporting by Ann Lee in Leeds; Editing by Tom Hale)"
    text = f"{HEADLINE}\n\n{LEAD}\n\n{BODY}\n\n{credit}\n"
    assert model_findings(text) == []
    (tmp_path / ".newslint.toml").write_text(
        '[rule-params."boilerplate.model"]\nkeep = ["dateline", "quote", "correction", "headline"]\n'
        "edge-threshold = 0.05\n"
    )
    reg = load_registry(context=load_config(tmp_path / ".newslint.toml").context)
    assert [d.text for d in lint(text, ("boilerplate.model",), reg=reg)] == [credit]


def test_markdown_table_cells_and_html_are_not_judged():
    table = "| Port | Tonnes |\n|------|--------|\n| Odesa | 1.2m |\n"
    md = f"# {HEADLINE}\n\n{LEAD}\n\n{BODY}\n\n{table}"
    from lint.engine import Engine, Selection
    from lint.readers import document_from_source

    engine = Engine(load_registry(), Selection(select=("boilerplate.model",)))
    assert engine.lint(document_from_source(md, "story.md")) == []
    html = f"<html><body><h1>{HEADLINE}</h1><p>{LEAD}</p><p>{BODY}</p><p>{CTA}</p></body></html>"
    assert engine.lint(document_from_source(html, "story.html")) == []
    assert len(engine.lint(document_from_source(ARTICLE, "story.txt"))) == 1


# -- shapes of furniture a careless copy carries (hand-written fixtures) --------------------


def _dense(texts: list[str], i: int) -> set[str]:
    return {bm.DENSE[k] for k in bm.features(texts)[i] if k < bm.N_DENSE}


def test_a_notice_in_which_the_site_speaks_to_the_reader_is_no_prose_paragraph():
    notice = "Your browser is out of date. Please switch to a newer one to use this website as intended."
    assert not bm._Block(notice).prose
    # a reporter writing about browsers, or a quoted notice, is prose as before
    assert bm._Block(
        "Millions of people still use an old browser at work, the security firm said on Friday."
    ).prose
    assert bm._Block('"Please use a newer browser on this website," the notice read in bold type.').prose
    names = _dense([LEAD, notice, BODY], 1)
    assert {"site_ui_any", "site_ui_reader", "please", "sentence_imperative"} <= names


def test_bullets_and_run_together_menus_have_their_own_features():
    names = _dense([LEAD, BODY, "• By Ann Lee, Harbour Desk"], 2)
    assert {"bullet", "byline"} <= names
    names = _dense(["HomeNewsSportHarbourWeatherPuzzles", LEAD, BODY], 0)
    assert {"run_together", "run_together_3"} <= names
    assert "label_colon" in _dense(["Useful links:", LEAD, BODY], 0)
    assert "credit_open" in _dense([LEAD, "(Photo credit: Ann Lee/Harbour Post)", BODY], 1)
    # article text that is no prose paragraph has its own shapes, which weigh against furniture
    for line in ("Harbour Town v Port Vale", "12,345", "Ann Lee (Harbour Town)", "Lee 23, Hale 71 pen"):
        assert "data_line" in _dense([LEAD, BODY, line], 2), line
    assert "short_sentence" in _dense([LEAD, BODY, "The ferry will run twice a day."], 2)
    assert "short_sentence" not in _dense([LEAD, BODY, "Please enable cookies on this website."], 2)


def test_a_widget_or_a_date_line_is_not_taken_for_the_headline():
    assert bm._headline_index([bm._Block(t) for t in ("+ − 14 pt", LEAD, BODY)], 1) is None
    dated = "x Harbourtown, UKMonday 3 March 2025"
    assert bm._headline_index([bm._Block(t) for t in (dated, LEAD, BODY)], 1) is None
    assert bm._headline_index([bm._Block(t) for t in (HEADLINE, LEAD, BODY)], 1) == 0


def test_a_label_run_into_a_paragraphs_first_words_is_flagged_alone():
    label = "Coast RadioCoast report:"
    lead = f"{label} {LEAD}"
    text = f"{HEADLINE}\n\n{lead}\n\n{BODY}\n\n{MORE}\n"
    [d] = model_findings(text)
    start = text.index(label)
    assert (d.span.start, d.span.end, d.text) == (start, start + len(label), label)
    assert "a label run into the first words of a paragraph" in d.message
    assert fix(text, ("boilerplate.model",)) == text.replace(f"{label} ", "")
    # a speaker's colon is no label, and words run together alone are not one
    said = text.replace(label, "The council leader said:")
    assert model_findings(said) == []


def test_top_threshold_from_the_configuration(tmp_path):
    text = f"Useful links:\n\n{LEAD}\n\n{BODY}\n\n{MORE}\n"
    found = model_findings(text)
    assert [d.text for d in found] == ["Useful links:"]
    assert "at the start of the article" in found[0].message
    (tmp_path / ".newslint.toml").write_text('[rule-params."boilerplate.model"]\ntop-threshold = 1.0\n')
    reg = load_registry(context=load_config(tmp_path / ".newslint.toml").context)
    assert lint(text, ("boilerplate.model",), reg=reg) == []
    (tmp_path / ".newslint.toml").write_text('[rule-params."boilerplate.model"]\ntop-threshold = 2\n')
    with pytest.raises(DataError, match="top-threshold"):
        load_registry(context=load_config(tmp_path / ".newslint.toml").context).compile_all()


def test_furniture_runs_grow_from_the_edge_but_not_into_the_article(tmp_path):
    menu, masthead = "HomeNewsSportHarbourWeatherPuzzles", "Thursday, March 6"
    short = "The ferry will run twice a day."
    text = f"{menu}\n\n{masthead}\n\n{LEAD}\n\n{BODY}\n\n{short}\n\n{CTA}\n"
    scores = bm.score_texts([menu, masthead, LEAD, BODY, short, CTA])
    (tmp_path / ".newslint.toml").write_text(
        f'[rule-params."boilerplate.model"]\nrun-threshold = {round(scores[1] - 0.01, 2)}\n'
    )
    reg = load_registry(context=load_config(tmp_path / ".newslint.toml").context)
    found = [d.text for d in lint(text, ("boilerplate.model",), reg=reg)]
    # the date line joins the menu above it; the short sentence of the article stays, however
    # low the run-threshold, though furniture follows it
    assert found == [menu, masthead, CTA]
    (tmp_path / ".newslint.toml").write_text('[rule-params."boilerplate.model"]\nrun-threshold = 0.01\n')
    reg = load_registry(context=load_config(tmp_path / ".newslint.toml").context)
    assert short not in [d.text for d in lint(text, ("boilerplate.model",), reg=reg)]
    # without the run, the date line alone is not reported
    (tmp_path / ".newslint.toml").write_text('[rule-params."boilerplate.model"]\nrun-threshold = 1.0\n')
    reg = load_registry(context=load_config(tmp_path / ".newslint.toml").context)
    assert [d.text for d in lint(text, ("boilerplate.model",), reg=reg)] == [menu, CTA]
