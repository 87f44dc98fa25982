"""The results cache is a folder anyone may have planted things in (a committed
``.newslint_cache/``, a shared ``--cache-dir``): links there are never followed, entries
written by anyone else are never trusted, and no entry can crash a run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lint import cli
from lint.run import cache as cache_module

ARTICLE = "The talks ended. . Both sides left.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "user-cache"))
    monkeypatch.delenv(cache_module.SECRET_ENV, raising=False)
    cache_module.secret.cache_clear()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    yield tmp_path
    cache_module.secret.cache_clear()


def check(capsys, *args) -> tuple[int, dict]:
    code = cli.main(["check", "--date", "2025-06-01", "--grammar-backend", "none", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def entries(project: Path) -> list[Path]:
    return sorted(p for p in (project / ".newslint_cache" / "v1").rglob("*") if p.is_file())


def findings(report: dict) -> list[str]:
    return [d["rule"] for f in report["files"] for d in f["diagnostics"]]


def test_links_planted_at_entry_names_are_replaced_not_written_through(capsys, project):
    code, fresh = check(capsys, "a.txt")
    [entry] = entries(project)
    victim = project / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    entry.unlink()
    entry.symlink_to(victim)
    # Whatever temporary name a run might use, a link waits there too.
    for pid in range(os.getpid() - 5, os.getpid() + 50):
        (entry.parent / f"{entry.name}.{pid}.tmp").symlink_to(victim)
    assert check(capsys, "a.txt") == (code, fresh)
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not entry.is_symlink()


def test_a_dangling_link_planted_as_a_marker_creates_nothing(capsys, project):
    folder = project / ".newslint_cache"
    folder.mkdir()
    target = project / "elsewhere" / "created-by-newslint"
    target.parent.mkdir()
    (folder / ".gitignore").symlink_to(target)
    (folder / "CACHEDIR.TAG").symlink_to(project / "elsewhere" / "tag")
    check(capsys, "a.txt")
    assert not target.exists() and not (project / "elsewhere" / "tag").exists()
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert not (folder / ".gitignore").is_symlink()


def test_a_linked_subfolder_is_not_written_into(capsys, project):
    check(capsys, "a.txt")
    [entry] = entries(project)
    outside = project / "outside"
    outside.mkdir()
    shard = entry.parent
    for p in shard.iterdir():
        p.unlink()
    shard.rmdir()
    shard.symlink_to(outside, target_is_directory=True)
    check(capsys, "a.txt")
    assert list(outside.iterdir()) == []


def test_an_entry_forged_with_a_recomputed_sha256_is_a_miss(capsys, project):
    _, fresh = check(capsys, "a.txt")
    assert findings(fresh)
    [entry] = entries(project)
    body = json.loads(entry.read_bytes().partition(b"\n")[2])
    body["diagnostics"] = []
    data = json.dumps(body).encode()
    entry.write_bytes(cache_module.hashlib.sha256(data).hexdigest().encode() + b"\n" + data)
    assert check(capsys, "a.txt")[1] == fresh


def test_an_entry_from_another_users_secret_is_a_miss(capsys, project, monkeypatch):
    monkeypatch.setenv(cache_module.SECRET_ENV, "someone else")
    cache_module.secret.cache_clear()
    check(capsys, "a.txt")
    [entry] = entries(project)
    body = json.loads(entry.read_bytes().partition(b"\n")[2])
    body["diagnostics"] = []
    data = json.dumps(body).encode()
    entry.write_bytes(cache_module.checksum(data) + b"\n" + data)
    monkeypatch.delenv(cache_module.SECRET_ENV)
    cache_module.secret.cache_clear()
    assert findings(check(capsys, "a.txt")[1])


def test_the_secret_is_the_users_own_and_outside_the_project(project):
    key = cache_module.secret()
    path = project / "user-cache" / "secret"
    assert path.read_bytes() == key and len(key) >= 64
    assert path.stat().st_mode & 0o777 == 0o600
    cache_module.secret.cache_clear()
    assert cache_module.secret() == key  # the same key next run
    # A secret others can read is not used.
    path.chmod(0o644)
    cache_module.secret.cache_clear()
    assert cache_module.secret() != key


@pytest.mark.parametrize(
    "doctor",
    [
        lambda body: {**body, "diagnostics": [{**body["diagnostics"][0], "span": [0, 1e400]}]},
        lambda body: {**body, "diagnostics": [{**body["diagnostics"][0], "span": [0.5, 2]}]},
        lambda body: {**body, "diagnostics": [{**body["diagnostics"][0], "span": [5, 2]}]},
        lambda body: "[" * 200_000,
    ],
    ids=["1e400", "float", "reversed", "deep"],
)
def test_a_well_signed_entry_that_makes_no_sense_is_a_miss(capsys, project, doctor):
    _, fresh = check(capsys, "a.txt")
    [entry] = entries(project)
    body = doctor(json.loads(entry.read_bytes().partition(b"\n")[2]))
    data = (
        body.encode() if isinstance(body, str) else json.dumps(body).encode().replace(b"Infinity", b"1e400")
    )
    entry.write_bytes(cache_module.checksum(data) + b"\n" + data)
    assert check(capsys, "a.txt")[1] == fresh
