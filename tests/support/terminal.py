"""Run ``ideo`` on a pseudo-terminal and answer its prompts (no pexpect needed).

``Session.expect(text)`` reads until ``text`` appears (or fails after a
timeout, showing what was on the screen); ``send(line)`` types a line and
Enter; ``interrupt()`` is Ctrl-C.  The child is killed if a test leaves it
running, so a prompt nobody answers never hangs the suite.
"""
from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time

from helpers import REPO, ideo_env


class Session:
    def __init__(self, *args: object, env: dict[str, str] | None = None, cwd=None, timeout: float = 30):
        environ = ideo_env(**(env or {}))
        environ["PYTHONPATH"] = str(REPO)
        environ.setdefault("COLUMNS", "100")
        self.timeout = timeout
        self.screen = b""
        self._seen = 0
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: ideo with stdin and stdout on the terminal
            if cwd:
                os.chdir(cwd)
            os.execve(sys.executable, [sys.executable, "-m", "ideo_cli", *(str(a) for a in args)], environ)
        self.code: int | None = None

    @property
    def text(self) -> str:
        return self.screen.decode("utf-8", "replace").replace("\r\n", "\n")

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        self.screen += chunk
        return True

    def expect(self, text: str) -> str:
        """Wait until ``text`` appears after what the last expect consumed; the screen since."""
        deadline = time.monotonic() + self.timeout
        wanted = text.encode("utf-8")
        while time.monotonic() < deadline:
            at = self.screen.find(wanted, self._seen)
            if at >= 0:
                part = self.screen[self._seen:at + len(wanted)]
                self._seen = at + len(wanted)
                return part.decode("utf-8", "replace")
            if not self._read(0.2):
                break
        self.close()
        raise AssertionError(f"{text!r} never appeared; the screen:\n{self.text}")

    def send(self, line: str) -> None:
        os.write(self.fd, line.encode("utf-8") + b"\r")

    def interrupt(self) -> None:
        os.write(self.fd, b"\x03")

    def wait(self) -> int:
        """Read to the end; the exit code."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            more = self._read(0.1)
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                while self._read(0.05) and select.select([self.fd], [], [], 0.05)[0]:
                    pass
                self.code = os.waitstatus_to_exitcode(status)
                return self.code
            if not more:
                time.sleep(0.05)
        self.close()
        raise AssertionError(f"ideo did not finish; the screen:\n{self.text}")

    def close(self) -> None:
        if self.code is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.code = -9
        try:
            os.close(self.fd)
        except OSError:
            pass
