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
  The server's challenge comes first, so a password never travels as Basic to
  a server that wants Digest; once an origin has challenged, later requests
  answer up front (Digest with the server's nonce, Basic once it was taken).
  Before a large upload a bodiless GET learns whether the origin wants
  credentials, and how (a server that answers 401 before reading a 3 MB body
  cuts it off: a broken pipe, not an answer).  A bearer token is sent up front.
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


class _Deadlines:
    """The deadline of the request being sent (requests of one transport go one at a time)."""

    current: _Deadline | None = None


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadlines: _Deadlines):
        super().__init__()
        self._deadlines = deadlines

    def http_open(self, req):
        return self.do_open(_WatchedHTTP, req, deadline=self._deadlines.current)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadlines: _Deadlines):
        super().__init__()
        self._deadlines = deadlines

    def https_open(self, req):
        return self.do_open(_WatchedHTTPS, req, context=self._context, deadline=self._deadlines.current)


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
    """urllib's Digest, answering up front once an origin has sent its challenge.

    Without that, every request would go out once without credentials; a large
    upload is then cut off by the server's early 401 (a broken pipe, not an
    answer).  The stdlib's handler also tries a refused password six times, and
    then refuses every later request of a long-lived opener.
    """

    def __init__(self, passwords):
        super().__init__(passwords)
        self.challenges: dict[tuple, dict] = {}

    def http_request(self, req):
        challenge = self.challenges.get(origin(req.full_url))
        if challenge and not req.has_header("Authorization"):
            value = self.get_authorization(req, challenge)
            if value:
                req.add_unredirected_header("Authorization", f"Digest {value}")
        return req

    https_request = http_request

    def retry_http_digest_auth(self, req, auth):
        _, challenge = auth.split(" ", 1)
        self.challenges[origin(req.full_url)] = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(challenge)))
        return super().retry_http_digest_auth(req, auth)

    def http_error_auth_reqed(self, auth_header, host, req, headers):
        if self.retried:  # answered once (or a stale nonce renewed) and refused again: the 401 stands
            return None
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
        if response.code != 401 and (req.unredirected_hdrs.get("Authorization") or "").startswith("Basic "):
            self._accepted.add(origin(req.full_url))
        return response

    https_request, https_response = http_request, http_response

    def http_error_auth_reqed(self, authreq, host, req, headers):
        try:
            return super().http_error_auth_reqed(authreq, host, req, headers)
        except ValueError:  # only Digest (or another scheme) was offered: the Digest handler answers it
            return None


PRIME_BYTES = 64 * 1024  # a larger body is not sent before the origin's scheme of authentication is known


class Transport:
    """Sends requests to one endpoint's URLs with its credentials, each bounded by ``timeout`` seconds.

    Requests go one at a time (the authentication handlers keep state: the
    server's Digest nonce, the origins that took Basic).
    """

    def __init__(self, urls: list[str], credentials: Credentials | None, timeout: float):
        self.timeout = timeout
        self.credentials = credentials or Credentials()
        origins = frozenset(origin(u) for u in urls)
        self._deadlines = _Deadlines()
        self._lock = threading.Lock()
        self._primed: set = set()
        handlers: list[urllib.request.BaseHandler] = [_HTTPHandler(self._deadlines), _HTTPSHandler(self._deadlines), _Redirects(self.has_credentials)]
        self._digest: _Digest | None = None
        self._basic_accepted: set = set()
        if self.credentials.token:
            handlers.append(_Bearer(self.credentials.token, origins))
        elif self.credentials.user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            roots = sorted({f"{s}://{h}:{p}/" for s, h, p in origins})
            passwords.add_password(None, roots, self.credentials.user, self.credentials.password or "")
            self._digest = _Digest(passwords)
            handlers += [self._digest, _Basic(passwords, self._basic_accepted)]
        self._opener = urllib.request.build_opener(*handlers)

    @property
    def has_credentials(self) -> bool:
        return self.credentials.token is not None or self.credentials.user is not None

    def send(self, request: urllib.request.Request) -> Response:
        """The response to ``request``, whatever its status, read whole (an error's body too) within the deadline.

        Raises DeadlinePassed when time is up, RedirectRefused, or urllib's and
        http.client's errors for a failed connection.
        """
        with self._lock:
            if len(request.data or b"") > PRIME_BYTES:
                refused = self._prime(request.full_url)
                if refused is not None:
                    return refused
            return self._send(request)

    def _prime(self, url: str) -> Response | None:
        """A bodiless GET of ``url`` first, so the server's challenge is known before a large body goes out.

        Its 401, when the server wants credentials that are missing or refuses
        those given, is the answer: the body is not sent.
        """
        where = origin(url)
        if where in self._primed or where in self._basic_accepted or (self._digest and where in self._digest.challenges):
            return None
        self._primed.add(where)
        try:
            response = self._send(urllib.request.Request(url, method="GET"))
        except (OSError, http.client.HTTPException, DeadlinePassed, RedirectRefused):
            return None  # the upload itself will say what is wrong
        return response if response.status == 401 else None

    def _send(self, request: urllib.request.Request) -> Response:
        with _Deadline(self.timeout) as deadline:
            self._deadlines.current = deadline
            try:
                try:
                    with self._opener.open(request, timeout=self.timeout) as answer:
                        response = Response(answer.status, answer.reason, answer.headers, answer.read())
                except urllib.error.HTTPError as e:
                    with e:
                        response = Response(e.code, str(e.reason or ""), e.headers, e.read())
            except (OSError, http.client.HTTPException):
                if deadline.passed:
                    raise DeadlinePassed() from None
                raise
            finally:
                self._deadlines.current = None
        if deadline.passed:  # a body read to a close the timer forced would look complete
            raise DeadlinePassed()
        return response
