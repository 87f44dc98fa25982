"""What the commands share: exit statuses and the configuration a command runs under."""

from __future__ import annotations

from pathlib import Path

from lint.config import Config, find_config, load_config
from lint.run.settings import BACKENDS, Setups, UsageError, make_spec  # noqa: F401 (make_spec: re-exported)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")


def config_for(args) -> Config:
    """--config, else the nearest configuration from the working folder upward."""
    if getattr(args, "config", None):
        return load_config(args.config)
    found = find_config(Path.cwd())
    return load_config(found) if found else Config()
