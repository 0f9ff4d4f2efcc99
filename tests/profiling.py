"""Work counted, never timed: the function calls a piece of code makes, for the linear-cost tests."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable


def calls_in(files: Iterable[str], fn: Callable[[], object]) -> int:
    """The function calls made while `fn` runs whose code (or whose caller, for built-ins) is in `files`.

    >>> calls_in([__file__], lambda: calls_in([], int)) > 0
    True
    """
    count = 0
    wanted = set(files)

    def profile(frame, event, arg) -> None:  # noqa: ANN001 - sys.setprofile's signature
        nonlocal count
        if event in {"call", "c_call"} and frame.f_code.co_filename in wanted:
            count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(previous)
    return count
