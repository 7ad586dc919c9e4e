"""The dev server under attack and load: traversal, binding, many clients, rebuilds, stalls."""

from __future__ import annotations

import http.client
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sample_site import TODAY, write_site

from psoasguide import BuildConfig, build
from psoasguide.cli import parser
from psoasguide.serve import Site, make_server
from psoasguide.serve.livereload import EVENTS_PATH, SCRIPT_PATH

REQUESTS = int(os.environ.get("PSOASGUIDE_SERVE_REQUESTS", "1000"))
CONCURRENT = 50
#: The reload script's tag, which the server adds to every page it sends.
_SCRIPT = re.compile(rb'<script src="' + re.escape(SCRIPT_PATH.encode()) + rb'"[^>]*></script>')


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, int, Path]]:
    root = write_site(tmp_path_factory.mktemp("serve") / "site")
    (root.parent / "secret.txt").write_text("SECRET outside the site\n")
    site = Site()
    site.update(build(BuildConfig(root=root, write=False, today=TODAY)))
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield site, server.server_port, root
    finally:
        server.shutdown()
        server.server_close()


def _raw_get(port: int, target: str, timeout: float = 10) -> tuple[int, bytes]:
    """GET with the request target sent exactly as given (no client-side normalising)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest("GET", target, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


TRAVERSALS = [
    "/../../../../etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E/%2E%2E/%2E%2E/etc/passwd", "/..%5c..%5c..%5cetc%5cpasswd", "/..\\..\\etc\\passwd",
    "//etc/passwd", "/%2Fetc%2Fpasswd", "/etc/passwd%00.html", "/index.html%00",
    "/anatomy/../../site.yaml", "/static/..%2f..%2fsite.yaml", "/%2e%2e/secret.txt",
    "/../secret.txt", "/..%252f..%252fsecret.txt", "/site.yaml", "/content/pages/safety.md",
    "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "http://127.0.0.1/../../etc/passwd",
    "/.%2e/.%2e/secret.txt",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_path_traversal_gets_404(served: tuple[Site, int, Path], target: str) -> None:
    _, port, _ = served
    status, body = _raw_get(port, target)
    assert status == 404, (target, status)
    assert b"SECRET" not in body and b"root:" not in body and b"base_url" not in body
    assert b"reviewed:" not in body  # no content source either


def test_redirects_never_leave_the_site(served: tuple[Site, int, Path]) -> None:
    _, port, _ = served
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "//anatomy")
    response = conn.getresponse()
    assert response.status == 301 and response.getheader("Location") == "/anatomy/"
    conn.close()


def test_binds_loopback_by_default_and_warns_for_all_interfaces(tmp_path: Path) -> None:
    assert parser().parse_args(["serve"]).host == "127.0.0.1"
    root = write_site(tmp_path / "site")
    proc = subprocess.Popen([sys.executable, "-m", "psoasguide", "serve", "--root", str(root),
                             "--host", "0.0.0.0", "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        err = ""
        deadline = time.monotonic() + 60
        while "warning: serving on all interfaces" not in err and time.monotonic() < deadline:
            line = proc.stderr.readline() if proc.stderr else ""
            if not line:
                break
            err += line
        assert "warning: serving on all interfaces (0.0.0.0)" in err, err
    finally:
        proc.kill()
        proc.wait()


def test_many_clients_during_rebuilds_all_get_whole_pages(tmp_path: Path) -> None:
    """1,000 requests, 50 at a time, while the site is rebuilt between two versions: every
    response succeeds and is one version's page in full, never a mix."""
    root = write_site(tmp_path / "site")
    other = write_site(tmp_path / "other", {"content/pages/safety.md": "---\ntitle: Safe use\n"
                       "summary: Changed.\nreviewed: 2026-01-10\n---\nStop if it hurts. "
                       "[[sitting]]\n"})
    versions = [build(BuildConfig(root=r, write=False, today=TODAY)) for r in (root, other)]
    pages = {f.path: {v.files[i].data for v in versions for i in range(len(v.files))
                      if v.files[i].path == f.path} for f in versions[0].files
             if f.path.endswith("index.html")}
    site = Site()
    site.update(versions[0])
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = threading.Event()
    rebuilds = [0]

    def rebuild() -> None:
        while not stop.is_set():
            which = rebuilds[0] % 2
            site.update(build(BuildConfig(root=(root, other)[which], write=False, today=TODAY)))
            rebuilds[0] += 1

    def fetch(path: str) -> tuple[str, int, bytes]:
        url = "/" + path.removesuffix("index.html")
        status, body = _raw_get(server.server_port, url, timeout=30)
        return path, status, _SCRIPT.sub(b"", body)

    builder = threading.Thread(target=rebuild)
    builder.start()
    rng = random.Random(6)
    try:
        with ThreadPoolExecutor(CONCURRENT) as pool:
            results = list(pool.map(fetch, [rng.choice(sorted(pages)) for _ in range(REQUESTS)]))
    finally:
        stop.set()
        builder.join()
        server.shutdown()
        server.server_close()
    assert all(status == 200 for _, status, _ in results)
    assert all(body in pages[path] for path, _, body in results), "a page was not whole"
    assert rebuilds[0] >= 2, "no rebuild happened during the requests"
    print(f"\n{len(results)} requests, {CONCURRENT} at a time, {rebuilds[0]} rebuilds meanwhile")


def test_stalled_and_vanishing_clients_do_not_block_others(
        served: tuple[Site, int, Path], capfd: pytest.CaptureFixture[str]) -> None:
    site, port, _ = served
    held = []
    for _ in range(60):  # event streams held open, never read
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(f"GET {EVENTS_PATH} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        held.append(s)
    for _ in range(20):  # clients that ask for a page and vanish before reading it
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /anatomy/psoas-major/ HTTP/1.1\r\nHost: x\r\n\r\n")
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        s.close()
    half = socket.create_connection(("127.0.0.1", port))  # a request line, never finished
    half.sendall(b"GET /anatomy/psoas-major/ HT")
    try:
        start = time.monotonic()
        with ThreadPoolExecutor(10) as pool:
            statuses = list(pool.map(lambda _: _raw_get(port, "/")[0], range(50)))
        assert statuses == [200] * 50
        assert time.monotonic() - start < 15
        site.update(site_result := build(BuildConfig(root=served[2], write=False, today=TODAY)))
        assert site_result.written is False and _raw_get(port, "/")[0] == 200
    finally:
        for s in [*held, half]:
            s.close()
    assert "Traceback" not in capfd.readouterr().err  # a vanished client is not an error
