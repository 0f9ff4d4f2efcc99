"""What a run refuses to do: folders that would feed on each other, impossible worker counts, and removing
most of what the store holds because the input folder looks empty (an unmounted share).

Each check raises `UsageError` (one line, exit code 2 at the command line) or returns what was adjusted.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable
from pathlib import Path

from claims.errors import UsageError


def _resolved(path: Path) -> Path:
    return Path(os.path.abspath(Path(path).expanduser())).resolve()


def check_folders(raw_dir: Path, out_dir: Path) -> None:
    """The input folder exists; the output folder is not a file, and neither folder holds the other.

    An output folder inside the input folder would be read back as documents on the next run; an input
    folder inside the output folder is deleted or replaced by publishing.

    >>> check_folders(Path("/"), Path("/srv/out"))
    Traceback (most recent call last):
    ...
    claims.errors.UsageError: [E060] the output folder /srv/out is inside the input folder /: ...
    """
    raw, out = _resolved(raw_dir), _resolved(out_dir)
    if not raw.exists():
        raise UsageError(f"the input folder {raw_dir} does not exist", raw_dir=str(raw_dir))
    if not raw.is_dir():
        raise UsageError(f"the input folder {raw_dir} is not a folder", raw_dir=str(raw_dir))
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out_dir} is a file, not a folder", out_dir=str(out_dir))
    if raw == out:
        raise UsageError(
            f"the input and output folders are the same ({raw_dir}): every run would read its own outputs "
            "as documents; give --out another folder",
            raw_dir=str(raw_dir),
        )
    if out.is_relative_to(raw):
        raise UsageError(
            f"the output folder {out_dir} is inside the input folder {raw_dir}: its files would be read as "
            "documents; give --out a folder outside it",
            raw_dir=str(raw_dir),
        )
    if raw.is_relative_to(out):
        raise UsageError(
            f"the input folder {raw_dir} is inside the output folder {out_dir}; publishing replaces what is "
            "there; keep them apart",
            raw_dir=str(raw_dir),
        )


DASK_ADDRESS = re.compile(
    r"""
    ^(?:(?:tcp|tls|ucx|ws|wss)://)?  # an optional scheme Dask's comms know
    (?:\[[0-9A-Fa-f:.]+\]          # a bracketed IPv6 address
    |[A-Za-z0-9.\-_]+)              # or a host name or IPv4 address
    :[0-9]{1,5}$                    # and the scheduler's port
    """,
    re.VERBOSE,
)


def check_dask_address(address: str | None) -> None:
    """A Dask scheduler address names a host and a port (`tcp://10.0.0.5:8786`, `scheduler:8786`).

    >>> check_dask_address("tcp://10.0.0.5:8786"), check_dask_address("[::1]:8786"), check_dask_address(None)
    (None, None, None)
    >>> check_dask_address("tcp://scheduler")
    Traceback (most recent call last):
    ...
    claims.errors.UsageError: [E060] --dask tcp://scheduler is not a scheduler address: ...
    """
    if address is None:
        return
    found = DASK_ADDRESS.match(address.strip())
    if found is None or not 0 < int(address.rsplit(":", 1)[1]) <= 65535:
        raise UsageError(
            f"--dask {address} is not a scheduler address: give HOST:PORT or tcp://HOST:PORT "
            "(e.g. tcp://10.0.0.5:8786)",
            dask_address=address,
        )


def bound_workers(workers: int | None, *, cores: int | None = None) -> tuple[int | None, str]:
    """The worker count to use, and a note when it was lowered to the machine's cores.

    >>> bound_workers(None), bound_workers(2, cores=8), bound_workers(1000, cores=2)
    ((None, ''), (2, ''), (2, '--workers 1000 is more than the 2 cores of this machine; using 2'))
    >>> bound_workers(0)
    Traceback (most recent call last):
    ...
    claims.errors.UsageError: [E060] --workers must be 1 or more, not 0
    """
    if workers is None:
        return None, ""
    if workers < 1:
        raise UsageError(f"--workers must be 1 or more, not {workers}", workers=workers)
    cores = cores or os.cpu_count() or 1
    if workers > cores:
        return cores, f"--workers {workers} is more than the {cores} cores of this machine; using {cores}"
    return workers, ""


def removal_refusal(removed: Collection[str], stored: int) -> str:
    """Why a run must not remove these documents ('' when it may): more than half of the stored documents,
    or all of them, gone at once looks like an empty or unmounted input folder.

    >>> removal_refusal(["a.txt"], 4), removal_refusal(["a.txt", "b.txt"], 4)
    ('', '')
    >>> removal_refusal(["a.txt", "b.txt", "c.txt"], 4)
    'this run would remove 3 of the 4 stored documents (more than half)'
    >>> removal_refusal(["a.txt"], 1)
    'this run would remove all 1 stored documents'
    """
    n = len(removed)
    if not n or not stored:
        return ""
    if n >= stored:
        return f"this run would remove all {stored} stored documents"
    if n > stored / 2:
        return f"this run would remove {n} of the {stored} stored documents (more than half)"
    return ""


def refusal_message(reason: str, raw_dir: Path, removed: Iterable[str]) -> str:
    """The one line a refused run ends with.

    >>> reason = "this run would remove all 2 stored documents"
    >>> line = refusal_message(reason, Path("raw"), ["a.txt", "b.txt"])
    >>> line[:83]
    'this run would remove all 2 stored documents (a.txt, b.txt) from raw; is the folder'
    >>> line[-68:]
    'Nothing was changed. To remove them, run again with --allow-removals'
    """
    names = sorted(removed)
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return (
        f"{reason} ({shown}) from {raw_dir}; is the folder empty or not mounted? Nothing was changed. "
        "To remove them, run again with --allow-removals"
    )
