"""The one way newslint writes a file: whole, under a fresh temporary name in the same
folder, then renamed over the target, so a reader sees the old file or the new one, never a
mix, and a full disk or a crash leaves the original intact.

The temporary file is created with ``tempfile.mkstemp`` (``O_CREAT | O_EXCL``, a random
name), so a link planted under a guessable name cannot redirect the write. With
``follow_links=False`` (the caches) a link at the target is replaced by the file rather
than written through.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows has no flock: the check still runs, unguarded
    fcntl = None


def write_atomic(
    path: str | os.PathLike,
    data: bytes,
    *,
    follow_links: bool = True,
    check: Callable[[Path], None] | None = None,
    durable: bool = True,
    mode: int | None = None,
) -> None:
    """Replace ``path`` with ``data``.

    ``follow_links``: through a symbolic link, write the file it points to and keep the
    link (what an editor does for a user's own file). ``check(target)`` runs under a lock on
    the folder just before the rename, so writers in one folder take turns between their
    check and their rename; it raises to cancel the write. ``durable`` syncs the data and the
    folder to disk. A new file gets ``mode`` (default: 0o666 less the umask); an existing one
    keeps its own.
    """
    target = Path(os.path.realpath(path)) if follow_links else Path(os.path.abspath(path))
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISREG(st.st_mode):
        if not os.access(target, os.W_OK):
            # A rename would replace a file its owner made read-only; an editor would refuse too.
            raise PermissionError(errno.EACCES, "Permission denied (the file is read-only)", str(target))
        mode = st.st_mode & 0o7777
    elif mode is None:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:64]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        with _folder_lock(target.parent) if check is not None else contextlib.nullcontext():
            if check is not None:
                check(target)
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        with contextlib.suppress(OSError):
            dir_fd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def read_no_follow(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """A regular file's bytes, refusing a symbolic link or a device (OSError), and at most
    ``limit`` bytes (ValueError past it): a planted link to /dev/zero cannot hang a reader."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        data = fh.read() if limit is None else fh.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise ValueError(f"{path}: larger than {limit} bytes")
    return data


def real_folder(path: str | os.PathLike) -> None:
    """Create ``path`` (and its parents) and insist it is a folder, not a link to one
    (OSError otherwise): a link planted inside a cache cannot send writes elsewhere."""
    os.makedirs(path, exist_ok=True)
    if not stat.S_ISDIR(os.lstat(path).st_mode):
        raise OSError(errno.ELOOP, "a symbolic link where a folder was expected", str(path))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder, held from the check to the rename.

    The folder, not the file: the rename swaps the file's inode, so a lock on the file
    would be a lock on the old copy. No lock file is left behind. Where locks are not
    supported the check still runs, unguarded.
    """
    try:
        fd = os.open(folder, os.O_RDONLY) if fcntl is not None else None
    except OSError:
        fd = None
    if fd is None:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock
