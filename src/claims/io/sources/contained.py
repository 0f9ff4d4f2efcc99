"""Files under the input folder, opened without ever following a link out of it.

Decisions (what `rejected.csv` says about each case):

- A symbolic link is never followed, whether it points outside the input folder (`outside_input`: "a link to
  a place outside the input folder") or inside it (`link`: its target, when it is a document, is read under
  its own name). This holds for links to files and to folders, at any depth: `os.walk` does not enter linked
  folders, and every file is opened component by component from the input folder with `O_NOFOLLOW`
  (`openat`), so a folder swapped for a link between the scan and the read is refused too.
- A name that is not a regular file (a named pipe, a socket, a device) is `not_a_file`: opening a pipe
  would wait forever, a device could be endless.
- The input folder itself may be a link (the user named it); everything is contained in what it resolves to.
- A hard link cannot be told from a regular file (both names are the same file): it is read like one.
  Creating a hard link to a file needs write access to that file's file system, and Linux refuses links to
  files the user does not own (`fs.protected_hardlinks`).
- Where the platform has no `openat`/`O_NOFOLLOW` (Windows), each component of the path is checked with
  `lstat` before the file is opened (a narrower guarantee: no protection against a swap in between).
"""

from __future__ import annotations

import errno
import io
import os
import stat
from pathlib import Path

from claims.errors import IngestError
from claims.io.sources.extracted import REASON_UNREADABLE

REASON_OUTSIDE_INPUT = "outside_input"
REASON_LINK = "link"
REASON_NOT_A_FILE = "not_a_file"

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_LINK_ERRNOS = frozenset({errno.ELOOP, errno.EMLINK, errno.ENOTDIR})  # O_NOFOLLOW met a link (BSDs: EMLINK)
_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def link_refusal(link: Path, root: Path) -> IngestError:
    """Why the link `link` (somewhere under `root`) is not followed: outside_input or link.

    Only where the link points is looked at (`os.path.realpath`), never what it points to. The detail names
    an inside target (relative to the input folder) but never an outside one.
    """
    target = Path(os.path.realpath(link))
    home = Path(os.path.realpath(root))
    if target.is_relative_to(home):
        inside = target.relative_to(home).as_posix() or "."
        return IngestError(
            REASON_LINK, f"a link to {inside} inside the input folder; not followed (read under its own name)"
        )
    return IngestError(REASON_OUTSIDE_INPUT, "a link to a place outside the input folder; not followed")


def not_a_file(mode: int) -> IngestError | None:
    """The refusal for a name whose `st_mode` is not a regular file, or None for a regular file.

    >>> not_a_file(stat.S_IFIFO | 0o644).reason
    'not_a_file'
    >>> not_a_file(stat.S_IFREG | 0o644) is None
    True
    """
    if stat.S_ISREG(mode):
        return None
    what = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return IngestError(REASON_NOT_A_FILE, f"{what}, not a regular file; not read")


def entry_refusal(path: Path, root: Path) -> IngestError | None:
    """Why the name `path` under `root` is not read (a link, not a regular file), from `lstat` only; None
    when it is a regular file (or cannot be stat'ed: reading it will say why)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        return link_refusal(path, root)
    return not_a_file(mode)


def _open_at(root: Path, parts: list[str]) -> int:
    """A descriptor of root/parts, opened one component at a time without following links."""
    dir_fd = os.open(root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        for depth, part in enumerate(parts[:-1], start=1):
            try:
                fd = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=dir_fd)
            except OSError as e:
                if e.errno in _LINK_ERRNOS:
                    raise link_refusal(root.joinpath(*parts[:depth]), root) from e
                raise
            os.close(dir_fd)
            dir_fd = fd
        try:
            return os.open(parts[-1], os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=dir_fd)
        except OSError as e:
            if e.errno in _LINK_ERRNOS and os.path.islink(root.joinpath(*parts)):
                raise link_refusal(root.joinpath(*parts), root) from e
            raise
    finally:
        os.close(dir_fd)


def _open_checked(root: Path, parts: list[str]) -> int:
    """The portable fallback: refuse any link among the components, then open."""
    for depth in range(1, len(parts) + 1):
        path = root.joinpath(*parts[:depth])
        if path.is_symlink():
            raise link_refusal(path, root)
    return os.open(root.joinpath(*parts), os.O_RDONLY | _NONBLOCK | _BINARY)


def open_inside(root: Path, doc: str) -> io.BufferedReader:
    """Open the regular file `doc` ("/"-separated, relative to `root`) for reading in binary, without
    following a link anywhere on the way; raises IngestError(outside_input | link | not_a_file | unreadable).
    """
    parts = [part for part in doc.split("/") if part]
    if not parts or any(part == ".." for part in parts):
        raise IngestError(REASON_OUTSIDE_INPUT, f"{doc!r} is not a name inside the input folder")
    at = _NOFOLLOW and os.open in os.supports_dir_fd
    try:
        fd = _open_at(root, parts) if at else _open_checked(root, parts)
    except IngestError:
        raise
    except OSError as e:
        raise IngestError(REASON_UNREADABLE, f"{type(e).__name__}: {e.strerror or e}") from e
    try:
        refusal = not_a_file(os.fstat(fd).st_mode)
        if refusal is not None:
            raise refusal
        if _NONBLOCK:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_inside(root: Path, doc: str, limit: int) -> bytes:
    """At most `limit` + 1 bytes of the regular file `doc` under `root` (see `open_inside`): a caller
    that gets more than `limit` bytes knows the file is over its limit without having read all of it."""
    with open_inside(root, doc) as f:
        try:
            return f.read(limit + 1)
        except OSError as e:
            raise IngestError(REASON_UNREADABLE, f"{type(e).__name__}: {e.strerror or e}") from e
