"""The HTTP server: waitress running a WSGI app, with limits on what a client may send and for how long.

waitress (pure Python, maintained by the Pylons project) reads requests in
one event loop and runs the app in a pool of threads, so slow or idle clients
hold no thread. It parses HTTP itself: Content-Length must be digits, chunked
bodies are decoded (and count against the body limit), a request over a limit
gets 413/431 and the connection closed, keep-alive and pipelining work.

Three rules are added here, in waitress's own extension points (its request
parser, its connection class and the server's periodic maintenance):

- A request must arrive whole within ``read_timeout`` seconds of its first
  byte, however it trickles in (waitress alone closes only *idle*
  connections, so a client sending a byte a second would hold one forever).
- The server closes a connection without a reset (which would lose the
  client its answer): it reads and drops what the client still sends for up
  to ``LINGER`` seconds, as Apache and nginx do ("lingering close").
- A request whose framing two HTTP parsers could read differently is refused
  with 400 and the connection closed: Transfer-Encoding in HTTP/1.0 (waitress
  ignores it there, so the body would be read as the next request),
  Transfer-Encoding together with Content-Length, and a request line without
  an HTTP/1.x version (HTTP/0.9).

The limits are ``Limits``; README.md ("Security") lists them for users.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser, ParsingError
from waitress.server import TcpWSGIServer
from waitress.task import ThreadedTaskDispatcher

from cheikg.errors import UsageError

LINGER = 2.0  # seconds a closing connection drops what the client still sends (see _Channel)
# waitress warns on every request that waits for a thread; the limits below already bound the queue
logging.getLogger("waitress.queue").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Limits:
    """What the server accepts from clients."""

    max_body: int = 1024 * 1024  # bytes of a request body (chunked ones too): 413 past it
    max_header: int = 256 * 1024  # bytes of request line and headers (a GET query is in the line): 431 past it
    read_timeout: int = 30  # seconds for a whole request to arrive, and for an idle connection to stay open
    connections: int = 256  # open connections; more wait in the listen backlog until one closes
    backlog: int = 1024  # connections the kernel queues before accept (capped by net.core.somaxconn)
    threads: int = 16  # requests answered at once; more wait their turn


class _Parser(HTTPRequestParser):
    def __init__(self, adj):
        super().__init__(adj)
        self.started = time.monotonic()  # a parser is made at the first byte of each request

    def parse_header(self, header_plus: bytes) -> None:
        super().parse_header(header_plus)
        if self.version not in ("1.0", "1.1"):
            raise ParsingError("the request line needs the HTTP version, HTTP/1.1 or HTTP/1.0")
        if "TRANSFER_ENCODING" in self.headers:  # left by waitress only when it did not apply it (HTTP/1.0)
            raise ParsingError("Transfer-Encoding is not allowed in an HTTP/1.0 request")
        if self.chunked and "CONTENT_LENGTH" in self.headers:
            raise ParsingError("a request may not have both Content-Length and Transfer-Encoding")


class _Channel(HTTPChannel):
    """waitress's connection, closed so that the client can read its last answer.

    Closing a socket that still has unread input makes the kernel send a reset,
    and a client that had not yet read its 400 or 413 loses it. So the server
    stops sending (the client sees the end of the answer), drops whatever the
    client still sends, and closes when the client does or LINGER seconds on.
    """

    parser_class = _Parser
    linger_until: float | None = None

    def handle_close(self) -> None:
        if self.linger_until is None and self.socket is not None:
            try:
                self.socket.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            else:
                self.linger_until = time.monotonic() + LINGER
                return
        super().handle_close()

    def readable(self) -> bool:
        return True if self.linger_until is not None else super().readable()

    def writable(self) -> bool:
        if self.linger_until is not None:
            return time.monotonic() > self.linger_until  # then handle_write closes it
        return super().writable()

    def handle_write(self) -> None:
        if self.linger_until is not None:
            HTTPChannel.handle_close(self)
        else:
            super().handle_write()

    def handle_read(self) -> None:
        if self.linger_until is None:
            super().handle_read()
            return
        try:
            data = self.socket.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data or time.monotonic() > self.linger_until:
            HTTPChannel.handle_close(self)


class _Server(TcpWSGIServer):
    channel_class = _Channel

    def maintenance(self, now: float) -> None:
        super().maintenance(now)  # idle connections
        cutoff = time.monotonic() - self.adj.channel_timeout
        for channel in list(self.active_channels.values()):
            request = channel.request  # the request being received, if any
            if request is not None and not request.completed and request.started < cutoff:
                channel.will_close = True


class HttpServer:
    """``app`` served on ``host``:``port`` (0: a free port) within ``limits``; stop it with ``close``.

    The socket is bound at once (a port in use is a UsageError before anything else starts).
    """

    def __init__(self, app, host: str, port: int, limits: Limits):
        self.limits = limits
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as e:
            sock.close()
            if e.errno in (98, 48):  # EADDRINUSE on Linux, macOS
                raise UsageError(f"port {port} on {host} is in use; choose another with --port") from None
            raise UsageError(f"cannot listen on {host}:{port}: {e.strerror or e}; check --host and --port") from None
        self.host, self.port = host, sock.getsockname()[1]
        adj = Adjustments(
            sockets=[sock], threads=limits.threads, backlog=limits.backlog, connection_limit=limits.connections,
            channel_timeout=limits.read_timeout, cleanup_interval=1, max_request_body_size=limits.max_body,
            max_request_header_size=limits.max_header, ident="cheikg", log_socket_errors=False, expose_tracebacks=False,
        )
        dispatcher = ThreadedTaskDispatcher()
        dispatcher.set_thread_count(adj.threads)
        self._server = _Server(app, map={}, _sock=sock, dispatcher=dispatcher, adj=adj, bind_socket=False,
                               sockinfo=(sock.family, sock.type, sock.proto, sock.getsockname()))
        self._loop: threading.Thread | None = None
        self._closed = False

    def set_app(self, app) -> None:
        """The WSGI application to answer with (before serving)."""
        self._server.application = app

    def serve_forever(self) -> None:
        """Answer requests in this thread until ``close`` (from another thread) or an exception such as KeyboardInterrupt."""
        self._server.run()

    def serve_in_thread(self) -> threading.Thread:
        self._loop = threading.Thread(target=self.serve_forever, name="cheikg-http", daemon=True)
        self._loop.start()
        return self._loop

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._loop is not None and self._loop.is_alive():
            try:
                self._server.trigger.pull_trigger(self._close_sockets)  # in the loop's own thread, which then ends
            except OSError:  # the trigger's pipe is closed already (the loop is ending on its own): close what is left here
                self._close_sockets()
            self._loop.join(10)
        else:
            self._close_sockets()
        self._server.task_dispatcher.shutdown(timeout=5)

    def _close_sockets(self) -> None:
        for dispatcher in list(self._server._map.values()):
            if isinstance(dispatcher, HTTPChannel):
                dispatcher.handle_close()
            else:
                dispatcher.close()
