"""Exception hierarchy with coded messages (`E001 ...`), so users can search for a code."""

from __future__ import annotations


class ClaimsError(Exception):
    """Base class: every error the library raises on purpose."""

    code = "E000"

    def __init__(self, message: str, **context: object) -> None:
        self.context = context
        super().__init__(f"[{self.code}] {message}")


class OffsetMismatchError(ClaimsError):
    """A span's offsets do not give back its surface text."""

    code = "E001"


class IngestError(ClaimsError):
    """A source file cannot be read as a document (the file is rejected, the run goes on)."""

    code = "E010"

    def __init__(self, reason: str, detail: str = "", **context: object) -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason, **context)


class ConfigurationError(ClaimsError):
    """Options that cannot work together (e.g. a remote Dask cluster without a reachable Prefect API)."""

    code = "E015"


class ModelNotFoundError(ClaimsError):
    """The spaCy model package is not installed."""

    code = "E020"


class StoreError(ClaimsError):
    """The database could not be read or written."""

    code = "E030"


class ValidationFailedError(ClaimsError):
    """A critical data-quality expectation failed; carries the validation result."""

    code = "E040"

    def __init__(self, message: str, result: object = None, **context: object) -> None:
        self.result = result
        super().__init__(message, **context)


class UnknownConflictError(ClaimsError):
    """A review names a conflict id that is not in the database."""

    code = "E050"


class UsageError(ClaimsError):
    """A command-line argument or folder that cannot work (answered in one line, exit code 2)."""

    code = "E060"


class RunInterruptedError(ClaimsError):
    """A run was stopped by a signal (SIGTERM, SIGINT); the next run finishes its work."""

    code = "E070"
