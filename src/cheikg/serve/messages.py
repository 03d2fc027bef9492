"""What the SPARQL endpoint says when it does not answer with results (one line of plain text each)."""

from __future__ import annotations

from cheikg.sparql_policy import SERVICE_REFUSED

SERVICE = SERVICE_REFUSED + " by this read-only endpoint"
READ_ONLY = "this endpoint is read-only: SPARQL Update and Graph Store writes are refused"
PLAIN = "text/plain; charset=utf-8"


def text(status: int, message: str) -> tuple[int, str, bytes]:
    return status, PLAIN, (message + "\n").encode("utf-8")


def over_cap(max_bytes: int) -> tuple[int, str, bytes]:
    return text(413, f"the result is larger than this endpoint's cap of {max_bytes} bytes; add a LIMIT or ask for fewer columns")


def timed_out(timeout: float) -> tuple[int, str, bytes]:
    return text(500, f"the query did not finish within {timeout:g} s, this endpoint's limit; ask a narrower question or add a LIMIT")
