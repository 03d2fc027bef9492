"""The one exception family of cheikg, and the exit codes the CLI maps it to.

Exit codes (documented in ``cheikg --help``):
0 success; 1 validation found results at or above the failure level;
2 usage or configuration error; 3 unreadable input; 4 remote endpoint error;
5 internal error (a bug: please report it); 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

from .findings import Finding

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3
EXIT_REMOTE = 4
EXIT_BUG = 5
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


class CheikgError(Exception):
    """Base of every error cheikg reports to a user; ``str()`` is the message."""

    exit_code = EXIT_USAGE


class UsageError(CheikgError):
    """The request cannot be carried out as given (unknown query, bad parameter)."""

    exit_code = EXIT_USAGE


class BuildMissingError(UsageError):
    """No built graph where one was expected."""


class InputError(CheikgError):
    """Input files that cannot be read as records: every problem found, not only the first."""

    exit_code = EXIT_UNREADABLE

    def __init__(self, findings: list[Finding]):
        self.findings = sorted(findings, key=Finding.sort_key)
        super().__init__("\n".join(str(f) for f in self.findings))


class QueryError(CheikgError):
    """A library query that is malformed or cannot be run."""

    exit_code = EXIT_USAGE


class EndpointError(CheikgError):
    """A remote SPARQL endpoint that failed to answer."""

    exit_code = EXIT_REMOTE


class BusyError(UsageError):
    """Another process writes the data directory (an ingest or a build) for longer than we wait."""


class ChangedWhileReadingError(CheikgError):
    """The records changed on disk while a build read them: what was read is not what is there."""

    exit_code = EXIT_UNREADABLE


class QueryInterrupted(CheikgError):
    """A running query stopped by Ctrl-C (SIGINT)."""

    exit_code = EXIT_INTERRUPTED
