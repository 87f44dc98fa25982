"""The user's own key for signing what newslint keeps in its caches: an entry signed with
another key (another user's, a committed cache folder) is a miss, never trusted."""

from __future__ import annotations

import errno
import hashlib
import hmac
import os
import secrets
from functools import cache

from lint.atomic import read_no_follow, real_folder
from lint.datafiles import parsed_cache

SECRET_ENV = "NEWSLINT_CACHE_SECRET"


@cache
def secret() -> bytes:
    """The key of the entries' HMAC: ``$NEWSLINT_CACHE_SECRET``, else 32 random bytes kept in
    ``secret`` in the user's cache folder (created once, readable by the user alone). Where
    that file cannot be made or is not the user's own, a key for this process alone: the
    cache then fills but is never read by another run, which is slower, not wrong."""
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV].encode("utf-8", "surrogateescape")
    try:
        folder = parsed_cache.cache_dir()
        real_folder(folder)
        path = folder / "secret"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            pass
        else:
            # Written in one call: a concurrent run that reads it short rejects it below.
            with os.fdopen(fd, "wb") as fh:
                fh.write(secrets.token_hex(32).encode())
        data = read_no_follow(path, limit=4096)
        st = os.stat(path, follow_symlinks=False)
        if (hasattr(os, "getuid") and st.st_uid != os.getuid()) or st.st_mode & 0o077:
            raise OSError(errno.EPERM, "not the user's own secret", str(path))
        if len(data) < 64:
            raise ValueError("short secret")
        return data
    except (OSError, ValueError):
        return secrets.token_bytes(32)


def checksum(body: bytes) -> bytes:
    return hmac.new(secret(), body, hashlib.sha256).hexdigest().encode()
