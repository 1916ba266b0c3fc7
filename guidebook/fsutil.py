"""File writes that never leave a half-written file behind."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _umask() -> int:
    """Return the process umask (reading it means setting it, so set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once: os.umask is process-wide and not safe to flip while threads write


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace path with data unless it already holds exactly that; return True if written.

    The file gets the mode a plain open() would give (0666 less the umask), not mkstemp's 0600:
    a web server's unprivileged workers must be able to read what is published.
    """
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


@contextlib.contextmanager
def publish_lock(build_dir: Path) -> Iterator[None]:
    """Hold the project's publish lock: one build or alert command publishes into site/ at a time.

    Whoever publishes last reads the alert files as they are on disk then, so a build that started
    before an alert was written never takes the alert off the live site.
    """
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".publish.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
