"""HTTP for remote endpoints: credentials only where the user sent them, and a bound on each whole request.

Three rules the plain ``urllib.request.urlopen`` does not keep:

- Credentials go only to the origins (scheme, host, port) of the endpoint's
  own URLs.  They are attached as *unredirected* headers (urllib drops those
  on every redirect, where an ordinary header such as SPARQLWrapper's is copied
  to wherever ``Location`` points), and a redirect to another origin is refused
  when credentials are set rather than followed without them: the message
  names the new URL, and the user decides whether to trust it.
- User and password are answered in the scheme the server asks for, by
  urllib's own handlers: HTTP Digest (Virtuoso's ``/sparql-auth``) or Basic.
  Basic is sent up front only to an origin that has accepted it once; until
  then the server's challenge comes first, so a password never travels as
  Basic to a server that wants Digest.  A bearer token is sent up front.
- ``timeout`` bounds the whole request, not each read: a server that drips one
  byte a second never lets a socket timeout fire, so a timer shuts the
  connection's socket down when the time is up.
"""

from __future__ import annotations

import http.client
import socket
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from .config import Credentials


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with the scheme's default port filled in."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or {"http": 80, "https": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


class RedirectRefused(Exception):
    """A redirect to another origin while credentials are set."""

    def __init__(self, url: str, location: str, status: int):
        super().__init__(location)
        self.url, self.location, self.status = url, location, status


class DeadlinePassed(Exception):
    """The whole request took longer than its timeout."""


@dataclass(frozen=True)
class Response:
    status: int
    reason: str
    headers: Message
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get_content_type() if self.headers else ""


class _Deadline:
    """Shuts down every socket of one request when its time is up."""

    def __init__(self, seconds: float):
        self.passed = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.passed:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.passed = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)  # a blocked read returns at once; close() alone would not wake it
    except OSError:
        pass


class _Watched:
    """A connection whose sockets the deadline can shut (mixed into http.client's two connection classes)."""

    def __init__(self, *args, deadline: _Deadline, **kwargs):
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        create = self._create_connection  # type: ignore[has-type]

        def connect(*a, **kw):
            sock = create(*a, **kw)
            deadline.watch(sock)  # before any TLS handshake: that can drip too
            return sock

        self._create_connection = connect


class _WatchedHTTP(_Watched, http.client.HTTPConnection):
    pass


class _WatchedHTTPS(_Watched, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self._deadline = deadline

    def http_open(self, req):
        return self.do_open(_WatchedHTTP, req, deadline=self._deadline)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self._deadline = deadline

    def https_open(self, req):
        return self.do_open(_WatchedHTTPS, req, context=self._context, deadline=self._deadline)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects within an origin are followed; to another origin only when there is nothing to leak."""

    def __init__(self, guarded: bool):
        super().__init__()
        self._guarded = guarded

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if self._guarded and origin(newurl) != origin(req.full_url):
            raise RedirectRefused(req.full_url, newurl, code)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Bearer(urllib.request.BaseHandler):
    handler_order = 400

    def __init__(self, token: str, origins: frozenset):
        self._value, self._origins = f"Bearer {token}", origins

    def http_request(self, req):
        if origin(req.full_url) in self._origins:
            req.add_unredirected_header("Authorization", self._value)
        return req

    https_request = http_request


class _Digest(urllib.request.HTTPDigestAuthHandler):
    def http_error_auth_reqed(self, auth_header, host, req, headers):
        try:
            return super().http_error_auth_reqed(auth_header, host, req, headers)
        except ValueError:  # a scheme urllib does not speak (Bearer, Negotiate): the 401 stands
            return None


class _Basic(urllib.request.HTTPBasicAuthHandler):
    def __init__(self, passwords, accepted: set):
        super().__init__(passwords)
        self._accepted = accepted  # origins that took Basic once: later requests carry it up front

    def http_request(self, req):
        if origin(req.full_url) in self._accepted and not req.has_header("Authorization"):
            user, password = self.passwd.find_user_password(None, req.full_url)
            if user is not None:
                import base64

                pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
                req.add_unredirected_header("Authorization", f"Basic {pair}")
        return req

    def http_response(self, req, response):
        # the stdlib marks any 2xx as authenticated, even one that needed no Basic at all
        if 200 <= response.code < 300 and (req.unredirected_hdrs.get("Authorization") or "").startswith("Basic "):
            self._accepted.add(origin(req.full_url))
        return response

    https_request, https_response = http_request, http_response

    def http_error_auth_reqed(self, authreq, host, req, headers):
        try:
            return super().http_error_auth_reqed(authreq, host, req, headers)
        except ValueError:  # only Digest (or another scheme) was offered: the Digest handler answers it
            return None


class Transport:
    """Sends requests to one endpoint's URLs with its credentials, each bounded by ``timeout`` seconds."""

    def __init__(self, urls: list[str], credentials: Credentials | None, timeout: float):
        self.timeout = timeout
        self.credentials = credentials or Credentials()
        self._origins = frozenset(origin(u) for u in urls)
        self._passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        if self.credentials.user is not None:
            roots = sorted({f"{s}://{h}:{p}/" for s, h, p in self._origins})
            self._passwords.add_password(None, roots, self.credentials.user, self.credentials.password or "")
        self._basic_accepted: set = set()

    @property
    def has_credentials(self) -> bool:
        return self.credentials.token is not None or self.credentials.user is not None

    def send(self, request: urllib.request.Request) -> Response:
        """The response to ``request``, whatever its status, read whole (an error's body too) within the deadline.

        Raises DeadlinePassed when time is up, RedirectRefused, or urllib's and
        http.client's errors for a failed connection.
        """
        with _Deadline(self.timeout) as deadline:
            try:
                try:
                    with self._opener(deadline).open(request, timeout=self.timeout) as answer:
                        response = Response(answer.status, answer.reason, answer.headers, answer.read())
                except urllib.error.HTTPError as e:
                    with e:
                        response = Response(e.code, str(e.reason or ""), e.headers, e.read())
            except (OSError, http.client.HTTPException):
                if deadline.passed:
                    raise DeadlinePassed() from None
                raise
        if deadline.passed:  # a body read to a close the timer forced would look complete
            raise DeadlinePassed()
        return response

    def _opener(self, deadline: _Deadline) -> urllib.request.OpenerDirector:
        handlers: list[urllib.request.BaseHandler] = [_HTTPHandler(deadline), _HTTPSHandler(deadline), _Redirects(self.has_credentials)]
        if self.credentials.token:
            handlers.append(_Bearer(self.credentials.token, self._origins))
        elif self.credentials.user is not None:
            handlers += [_Digest(self._passwords), _Basic(self._passwords, self._basic_accepted)]
        return urllib.request.build_opener(*handlers)
