"""Shared fixtures: a real Radicale CalDAV server on 127.0.0.1 (``radicale``).

Used by tests/test_ics_export.py (the renderer) and tests/test_cli_ics.py (the
``ideo ics`` command).  Module-scoped: each test module gets its own server
and storage, so their collections never meet.
"""
from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Dav:
    """Minimal WebDAV/CalDAV client over urllib (no proxies, 127.0.0.1 only)."""

    def __init__(self, base: str, user: str = "ideo"):
        self.base = base
        self.auth = "Basic " + base64.b64encode(f"{user}:unused".encode()).decode()
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        req = urllib.request.Request(self.base + path, data=body, method=method)
        req.add_header("Authorization", self.auth)
        for key, value in (headers or {}).items():
            req.add_header(key, value)
        try:
            with self.opener.open(req, timeout=30) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()


@pytest.fixture(scope="module")
def radicale(tmp_path_factory):
    pytest.importorskip("radicale", reason="Radicale (test extra) is not installed; CalDAV round trip skipped")
    root = tmp_path_factory.mktemp("radicale")
    storage = root / "collections"
    storage.mkdir()
    port = _free_port()
    config = root / "config"
    # Radicale 3.9 has no "none" rights backend: with [auth] type = none,
    # "authenticated" grants everyone read/write, which is what a test needs.
    config.write_text(
        "[server]\n"
        f"hosts = 127.0.0.1:{port}\n"
        "[auth]\n"
        "type = none\n"
        "[rights]\n"
        "type = authenticated\n"
        "[storage]\n"
        f"filesystem_folder = {storage}\n"
        "[web]\n"
        "type = none\n"
        "[logging]\n"
        "level = warning\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "RADICALE_CONFIG"}
    env["HOME"] = str(root)  # keep ~/.config/radicale/config out of it
    log = open(root / "radicale.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", str(config)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=root,
    )
    base = f"http://127.0.0.1:{port}"
    dav = Dav(base)
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                log.flush()
                pytest.fail(f"radicale exited with {proc.returncode}:\n{(root / 'radicale.log').read_text('utf-8', 'replace')}")
            try:
                status, _ = dav.request("OPTIONS", "/")
                if status < 500:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("radicale did not answer on 127.0.0.1 within 30 s")
            time.sleep(0.1)
        yield dav
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


