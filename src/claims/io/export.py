"""Atomic file writes: a temp file in the same folder, then os.replace.

A failed run never leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd


def _atomic(path: Path, write: Callable[[Path], object]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; outputs are ordinary readable files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: Path, text: str) -> Path:
    return _atomic(path, lambda p: p.write_text(text, encoding="utf-8"))


def write_bytes(path: Path, data: bytes) -> Path:
    return _atomic(path, lambda p: p.write_bytes(data))


def write_csv(path: Path, df: pd.DataFrame) -> Path:
    return _atomic(path, lambda p: df.to_csv(p, index=False, encoding="utf-8"))


def write_parquet(path: Path, df: pd.DataFrame) -> Path:
    return _atomic(path, lambda p: df.to_parquet(p, index=False))


def write_table(out_dir: Path, name: str, df: pd.DataFrame) -> tuple[Path, Path]:
    """`name`.csv and `name`.parquet side by side."""
    return write_csv(out_dir / f"{name}.csv", df), write_parquet(out_dir / f"{name}.parquet", df)


def append_jsonl(path: Path, record: Mapping[str, object]) -> None:
    """Append one line; the line is written in one call and flushed to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, default=str, sort_keys=False) + "\n"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())
