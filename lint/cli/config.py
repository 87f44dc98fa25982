"""newslint config: the configuration that applies to a file."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from lint.cli.common import EXIT_OK
from lint.config import Config, find_config, load_config
from lint.run.settings import BACKENDS, Setups, UsageError, make_spec  # noqa: F401 (make_spec: re-exported)


def run_config(args: argparse.Namespace) -> int:
    """The configuration that applies to a file: where it comes from and what it sets."""
    import json

    from lint.readers import json_reader

    target = Path(args.path)
    folder = Path(os.path.abspath(target)) if target.is_dir() else Path(os.path.abspath(target)).parent
    path = args.config or find_config(folder)
    config = load_config(path) if path else Config()
    # per-file-ignores apply to files: a folder shows none
    applied = {} if target.is_dir() else config.ignores_for(str(target))
    data = {
        "path": str(target),
        "config": str(path) if path else None,
        "select": list(config.select),
        "ignore": list(config.ignore),
        "per-file-ignores": {g: list(ids) for g, ids in applied.items()},
        "severity": {k: v.value for k, v in config.severity.items()},
        "fail-on": config.fail_on or "warning",
        "grammar-backend": config.grammar_backend or "harper",
        "languagetool-url": config.languagetool_url,
        "harper-spelling": config.harper_spelling,
        "rule-packs": [str(p) for p in config.packs],
        "kb": [str(p) for p in config.kb],
        "accepted-names": list(config.accepted_names),
        # Where a CMS JSON export's articles keep their text, date, id and title.
        "json-body-fields": list(config.json_body_fields or json_reader.BODY_FIELDS),
        "json-date-fields": list(config.json_date_fields or json_reader.DATE_FIELDS),
        "json-id-fields": list(config.json_id_fields or json_reader.ID_FIELDS),
        "json-title-fields": list(config.json_title_fields or json_reader.TITLE_FIELDS),
        # Rules' parameters set here over their packs' (thresholds of the learned detectors).
        "rule-params": {rule: dict(params) for rule, params in config.rule_params},
    }
    if args.format == "json":
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    print(
        f"# {data['path']}: "
        + (f"configured by {data['config']}" if path else "no configuration file, defaults")
    )
    for key, value in data.items():
        if key in ("path", "config", "severity", "per-file-ignores", "rule-params") or value is None:
            continue
        note = "  # every rule that is on by default" if key == "select" and not value else ""
        print(f"{key} = {json.dumps(value, ensure_ascii=False)}{note}")
    if data["per-file-ignores"]:
        print("\n[per-file-ignores]  # the entries that apply to this file")
        for glob, ids in data["per-file-ignores"].items():
            print(f"{json.dumps(glob)} = {json.dumps(ids)}")
    for rule, params in data["rule-params"].items():
        print(f"\n[rule-params.{json.dumps(rule)}]")
        for key, value in params.items():
            print(f"{key} = {json.dumps(value)}")
    if data["severity"]:
        print("\n[severity]")
        for key, value in data["severity"].items():
            print(f"{json.dumps(key)} = {json.dumps(value)}")
    return EXIT_OK
