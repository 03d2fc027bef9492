"""A throwaway Virtuoso 7 server for the tests (Debian's virtuoso-opensource-7; .ci/run installs it).

It runs from Debian's own default ini with only what must change rewritten:
the database files go to a temporary folder, and the SQL and HTTP servers
listen on free loopback ports.  Every other setting stays Debian's
(ResultSetMaxRows = 10000, MaxQueryExecutionTime = 60 s, ...), since the
answers must hold on the server as users install it, but one:
MaxQueryCostEstimationTime is commented out, as OpenLink advises (it is meant
for debugging; its estimates depend on everything the server holds and
sampling, and refused library questions Virtuoso answers in a tenth of a
second).  ``set_sparql`` changes a [SPARQL] setting of the running server:
its /sparql endpoint reads them from the ini at each request.  A user with the
SPARQL_UPDATE role is made for pushing, through the Digest-authenticated
``/sparql-auth`` and ``/sparql-graph-crud-auth``; the anonymous ``/sparql``
stays read-only, as on a public endpoint.  The server is stopped by its
process id.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SERVER = "virtuoso-t"
ISQL = "isql-vt"  # Debian's name for Virtuoso's isql (unixODBC has another isql)
DEFAULT_INI = (Path("/usr/share/virtuoso-opensource-7/virtuoso.ini"), Path("/etc/virtuoso-opensource-7/virtuoso.ini"))
PUSH_USER = "cheikg"
START_TIMEOUT = 120.0  # a fresh database takes 8 s here; CI machines are slower


def missing() -> str | None:
    """Why the server cannot be started here, or None."""
    for program in (SERVER, ISQL):
        if shutil.which(program) is None:
            return f"{program} is not installed (apt-get install virtuoso-opensource-7; .ci/run does)"
    if not any(p.is_file() for p in DEFAULT_INI):
        return "Virtuoso's default ini is missing (apt-get install virtuoso-opensource-7)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ini_text(default: str, folder: Path, sql_port: int, http_port: int) -> str:
    """Debian's default ini with the files in ``folder``, the servers on loopback ``sql_port`` and ``http_port``, no estimate limit."""
    changes = {
        "Database": {
            "DatabaseFile": folder / "virtuoso.db", "ErrorLogFile": folder / "virtuoso.log", "LockFile": folder / "virtuoso.lck",
            "TransactionFile": folder / "virtuoso.trx", "xa_persistent_file": folder / "virtuoso.pxa",
        },
        "TempDatabase": {"DatabaseFile": folder / "virtuoso-temp.db", "TransactionFile": folder / "virtuoso-temp.trx"},
        "Parameters": {"ServerPort": f"127.0.0.1:{sql_port}"},
        "HTTPServer": {"ServerPort": f"127.0.0.1:{http_port}", "ServerRoot": folder},
        "URIQA": {"DefaultHost": f"127.0.0.1:{http_port}"},
    }
    section, lines, done = "", [], set()
    for line in default.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1]
        elif "=" in stripped and not stripped.startswith(";"):
            key = stripped.split("=", 1)[0].strip()
            if key in changes.get(section, {}):
                line = f"{key} = {changes[section][key]}"
                done.add((section, key))
        if section == "SPARQL" and stripped.startswith("MaxQueryCostEstimationTime"):
            line = ";" + line
            done.add((section, "MaxQueryCostEstimationTime"))
        lines.append(line)
    left = {(s, k) for s, keys in changes.items() for k in keys} | {("SPARQL", "MaxQueryCostEstimationTime")}
    left -= done
    if left:
        raise RuntimeError(f"Virtuoso's default ini lacks {sorted(left)}: the tests cannot move it to a temporary folder")
    return "\n".join(lines) + "\n"


@dataclass
class Virtuoso:
    process: subprocess.Popen
    folder: Path
    sql_port: int
    http_port: int
    password: str  # PUSH_USER's

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def isql(self, *statements: str) -> str:
        """Run SQL statements as dba; raise with Virtuoso's message when one fails."""
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", "exec=" + " ".join(statements)],
            capture_output=True, text=True, timeout=60,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {done.stdout}{done.stderr}")
        return done.stdout

    def set_sparql(self, key: str, value: str | None) -> None:
        """Set a [SPARQL] setting in the server's ini (None: comment it out); the /sparql endpoint reads it at each request."""
        ini = self.folder / "virtuoso.ini"
        lines, section = [], ""
        for line in ini.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith("[") and stripped.endswith("]"):
                section = stripped[1:-1]
            elif section == "SPARQL" and stripped.lstrip(";").split("=", 1)[0].strip() == key:
                line = f"{key} = {value}" if value is not None else f";{key} = 0"
            lines.append(line)
        ini.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def log(self) -> str:
        path = self.folder / "virtuoso.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def start(folder: Path) -> Virtuoso:
    """A fresh Virtuoso in ``folder``, answering SPARQL, with PUSH_USER allowed to update."""
    default = next(p for p in DEFAULT_INI if p.is_file()).read_text(encoding="utf-8", errors="replace")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(ini_text(default, folder, sql_port, http_port), encoding="utf-8")
    out = (folder / "stdout.log").open("wb")
    process = subprocess.Popen([SERVER, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=out, stderr=subprocess.STDOUT)
    server = Virtuoso(process, folder, sql_port, http_port, secrets.token_hex(12))
    try:
        _wait(server)
        server.isql(f"DB.DBA.USER_CREATE('{PUSH_USER}', '{server.password}');", f'GRANT SPARQL_UPDATE TO "{PUSH_USER}";')
    except BaseException:
        server.stop()
        raise
    return server


def _wait(server: Virtuoso) -> None:
    probe = f"{server.url}/sparql?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if server.process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited at start:\n{server.log()[-2000:]}")
        try:
            with urllib.request.urlopen(probe, timeout=5) as answer:
                answer.read()
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"Virtuoso did not answer within {START_TIMEOUT:g} s:\n{server.log()[-2000:]}") from None
            time.sleep(0.2)
