"""An HTTP server over the site held in memory; rebuilt in the same process when sources change.

Rebuilds share one in-memory cache (`cache.MemoryStore`), so a save re-converts and re-renders
only what it changed. After each good build, Pagefind indexes a copy of the site in a background
thread; the preview serves the newest finished index, so search works while editing.
"""

from __future__ import annotations

import gc
import itertools
import mimetypes
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..cache import MemoryStore
from ..diagnostics import Diagnostic, Severity
from ..model import SEARCH_DIR, BuildConfig, BuildResult, OutputFile, Search
from ..output import start_index
from ..output.search import Indexing, pagefind_binary
from ..pipeline import build
from .livereload import EVENTS_PATH, SCRIPT, SCRIPT_PATH, inject

#: Every this many rebuilds the dev server collects all the garbage it holds.
FULL_COLLECTION_EVERY = 20
#: Host values that listen on every network interface.
ALL_INTERFACES = frozenset({"", "0.0.0.0", "::"})
#: How long a stopping server waits for its search indexer to notice.
STOP_SECONDS = 10


class _Staging:
    """The folder Pagefind indexes in the background. A file is written again only when a
    build gave it other bytes (a warm rebuild hands back the very same bytes objects for the
    pages it reused), so staging a save costs a few files, not the whole site."""

    def __init__(self) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._written: dict[str, bytes] = {}
        self._indexing: Indexing | None = None
        self._closed = False
        self._lock = threading.Lock()

    def update(self, files: tuple[OutputFile, ...]) -> Path:
        """The folder, holding exactly `files` and no search index."""
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="psoasguide-serve-",
                                                       ignore_cleanup_errors=True)
        root = Path(self._folder.name)
        now = {f.path: f.data for f in files}
        for path in self._written.keys() - now.keys():
            (root / path).unlink(missing_ok=True)
        for path, data in now.items():
            if self._written.get(path) is not data:
                (root / path).parent.mkdir(parents=True, exist_ok=True)
                (root / path).write_bytes(data)
        self._written = now
        shutil.rmtree(root / SEARCH_DIR, ignore_errors=True)
        return root

    def index(self, staged: Path) -> bool:
        """Whether Pagefind indexed the folder (at a low priority); not once `stop`ped."""
        with self._lock:
            if self._closed:
                return False
            self._indexing = start_index(staged, staged, background=True)
        return not self._indexing.result()

    def stop(self) -> None:
        """Stop the index being made; no other starts."""
        with self._lock:
            self._closed = True
            indexing = self._indexing
        if indexing is not None:
            indexing.cancel()

    def close(self) -> None:
        """Delete the folder (once nothing writes to it)."""
        if self._folder is not None:
            self._folder.cleanup()


@dataclass
class Site:
    """The latest good build's files, its version, and the last build's problems."""

    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    version: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)
    #: The newest finished search index: path under the site -> bytes.
    search: dict[str, bytes] = field(default_factory=dict)

    def update(self, result: BuildResult) -> None:
        """Take a new build: its files when it succeeded; its problems either way."""
        with self.changed:
            errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
            if not errors:
                self.files = {f.path: f.data for f in result.files}
            self.problems = errors
            self.version += 1
            self.changed.notify_all()

    def wait_for_change(self, seen: int, timeout: float) -> int:
        """The version once it differs from `seen`, or the same one after `timeout` seconds."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version

    def lookup(self, url_path: str) -> tuple[str, bytes] | None:
        """The file for a request path, trying `index.html` for folders."""
        path = unquote(url_path).lstrip("/")
        for candidate in (path, f"{path}/index.html".lstrip("/"), f"{path}index.html"):
            if candidate in self.files:
                return candidate, self.files[candidate]
        if path in self.search:
            return path, self.search[path]
        return None

    def index_in_background(self, files: tuple[OutputFile, ...]) -> threading.Thread:
        """Index `files` with Pagefind in a thread; its index is served once it is done. One
        index is made at a time: while one runs, only the newest build waits for its turn
        (saves quicker than Pagefind do not pile indexers up on the rebuilds' cores). Returns
        the thread that will index these files (joined, every waiting index is done)."""
        with self._indexing:
            self._waiting = (self.version, files)
            if self._indexer is None:
                self._indexer = threading.Thread(target=self._index_waiting, daemon=True)
                self._indexer.start()
            return self._indexer

    def stop_indexing(self) -> None:
        """Stop the search index being made and delete its staging folder (the server is
        stopping): Pagefind would otherwise go on writing into the folder after it is gone."""
        with self._indexing:
            self._waiting = None
            indexer = self._indexer
        self._staging.stop()
        if indexer is not None:
            indexer.join(timeout=STOP_SECONDS)
        self._staging.close()

    def _index_waiting(self) -> None:
        while True:
            with self._indexing:
                if self._waiting is None:
                    self._indexer = None  # decided under the lock: no build is left waiting
                    return
                (version, files), self._waiting = self._waiting, None
            index = _search_index(files, self._staging)
            with self.changed:
                if index is not None and version >= self._indexed:
                    self.search, self._indexed = index, version

    _indexed: int = -1
    _indexing: threading.Lock = field(default_factory=threading.Lock)
    _indexer: threading.Thread | None = None
    _waiting: tuple[int, tuple[OutputFile, ...]] | None = None
    _staging: _Staging = field(default_factory=_Staging)


def _search_index(files: tuple[OutputFile, ...], staging: _Staging) -> dict[str, bytes] | None:
    """Pagefind's index of `files` (path under the site -> bytes), or None if it failed."""
    try:
        staged = staging.update(files)
    except OSError:
        return None
    if not staging.index(staged):
        return None
    return {p.relative_to(staged).as_posix(): p.read_bytes()
            for p in (staged / SEARCH_DIR).rglob("*") if p.is_file()}


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the terminal shows builds, not requests."""

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == EVENTS_PATH:
                return self._events()
            if path == SCRIPT_PATH:
                return self._send(HTTPStatus.OK, "application/javascript", SCRIPT)
            folder = path.strip("/")
            if not path.endswith("/") and f"{folder}/index.html" in site.files:
                # so page-relative links resolve; never '//host/', which would leave the site
                return self._redirect(f"/{folder}/")
            found = site.lookup(path)
            status = HTTPStatus.OK
            if found is None:
                status, found = HTTPStatus.NOT_FOUND, site.lookup("/404.html")
            name, data = found or ("404.txt", b"not found")
            if name.endswith(".html"):
                data = inject(data, site.problems)
            self._send(status, mimetypes.guess_type(name)[0] or "application/octet-stream", data)

        def _send(self, status: HTTPStatus, kind: str, data: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith(
                ("text/", "application/javascript", "application/xml")) else ""))
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def _redirect(self, location: str) -> None:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = -1
            try:
                while True:
                    version = site.wait_for_change(seen, timeout=15)
                    message = f"data: {version}\n\n" if version != seen else ": ping\n\n"
                    seen = version
                    self.wfile.write(message.encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


class _Server(ThreadingHTTPServer):
    """A browser that goes away mid-response is normal, not an error to print."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def keep_out_of_collections(full: bool) -> None:
    """Move what the server holds (the warm build, hundreds of thousands of objects at 4,000
    articles) out of the garbage collector's sight, so that a rebuild's collections scan only
    its own new objects (a full one took 0.4 s at 4,000 articles). A rebuild leaves a few
    hundred objects in reference cycles; those held out are freed by the `full` collection
    that every `FULL_COLLECTION_EVERY`-th rebuild makes after the reload has been sent."""
    if full:
        gc.unfreeze()
        gc.collect()
    gc.freeze()


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops the server as Ctrl+C does; a forked parse worker, which inherited this
    handler, just ends."""
    if os.getpid() != _SERVER_PID[0]:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
    raise KeyboardInterrupt


#: The server's own process id (set when it starts), told apart from its forked workers'.
_SERVER_PID = [0]


def make_server(site: Site, host: str, port: int) -> ThreadingHTTPServer:
    """A threaded server for `site` (port 0 picks a free port)."""
    server = _Server((host, port), _handler(site))
    server.daemon_threads = True
    return server


def serve(config: BuildConfig, host: str, port: int,
          report: Callable[[BuildResult], None]) -> None:
    """Build into memory, serve, and rebuild whenever a source changes, until interrupted."""
    from .watch import watch_sources

    site = Site()
    server = make_server(site, host, port)
    address = f"http://{host}:{server.server_port}/"
    if host in ALL_INTERFACES:
        print(f"warning: serving on all interfaces ({host}): anyone who can reach this machine "
              "can read the preview; use --host 127.0.0.1 to keep it local",
              file=sys.stderr, flush=True)
    search = Search.INDEX if pagefind_binary() is not None else Search.PREVIEW
    memory = replace(config, write=False, base_url=address, search=search, store=MemoryStore())

    rebuilds = itertools.count()

    def rebuild() -> None:
        result = build(memory)
        site.update(result)
        report(result)
        if search is Search.INDEX and not site.problems:
            site.index_in_background(result.files)
        keep_out_of_collections(full=next(rebuilds) % FULL_COLLECTION_EVERY == 0)

    if threading.current_thread() is threading.main_thread():
        # `kill` (SIGTERM) stops the server as Ctrl+C does, from the first build on (its
        # search index starts then), so the index's staging folder is deleted on the way out.
        _SERVER_PID[0] = os.getpid()
        signal.signal(signal.SIGTERM, _interrupt)
    serving = False
    try:
        rebuild()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        serving = True
        print(f"serving on {address} (Ctrl+C to stop)", flush=True)
        watch_sources(Path(config.root), rebuild)
    except KeyboardInterrupt:
        pass
    finally:
        if serving:  # shutdown() waits for serve_forever, which must have started
            server.shutdown()
        site.stop_indexing()
