"""Search index: Pagefind builds one chunked index per page language.

Pages are handed to Pagefind's service (``pagefind --service``: its own process, so its own
core) as MkDocs writes them, and the index is written once every language is built, so that
indexing overlaps the build instead of following it. Record pages carry their filters and
metadata (overrides/main.html); listing and browse pages carry no ``data-pagefind-body`` and
so stay out of the results.

The service speaks base64-encoded JSON messages ended by commas on stdin/stdout. The client
here is synchronous: the ``pagefind`` package's own asyncio client waits 100 ms per answer.
"""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import threading
from pathlib import Path
from typing import IO, Any

from pagefind.service import get_executable

INDEXED_MARK = "data-pagefind-body"


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


class LiveIndex:
    """A Pagefind index filled page by page while the site is built."""

    def __init__(self) -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError("the Pagefind binary is missing: install pagefind[bin]")
        self._process = subprocess.Popen(
            [str(executable), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._answers: dict[int, dict[str, Any]] = {}
        self._answered = threading.Condition()
        self._sent = 0
        # Pages queue up here so that the build never waits for Pagefind to read them.
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        for work, stream in (
            (self._read, self._process.stdout),
            (self._write, self._process.stdin),
        ):
            threading.Thread(target=work, args=(stream,), daemon=True).start()
        self._index_id = self._ask({"type": "NewIndex", "config": None}, wait=True)["index_id"]

    def _read(self, stream: IO[bytes]) -> None:
        """Collect the service's answers (it blocks if nobody reads them)."""
        buffer = b""
        while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            with self._answered:
                for message in messages:
                    answer = json.loads(base64.b64decode(message))
                    self._answers[answer.get("message_id", -1)] = answer["payload"]
                self._answered.notify_all()
        with self._answered:
            self._answers[-1] = {"type": "Error", "message": "the Pagefind service stopped"}
            self._answered.notify_all()

    def _write(self, stream: IO[bytes]) -> None:
        while (message := self._outbox.get()) is not None:
            try:
                stream.write(message)
                stream.flush()
            except BrokenPipeError:  # the service stopped: _read reports it
                return

    def _ask(self, payload: dict[str, Any], *, wait: bool = False) -> dict[str, Any]:
        self._sent += 1
        message = {"message_id": self._sent, "payload": payload}
        self._outbox.put(base64.b64encode(json.dumps(message).encode()) + b",")
        return self._wait_for(self._sent) if wait else {}

    def _wait_for(self, message_id: int) -> dict[str, Any]:
        with self._answered:
            self._answered.wait_for(lambda: message_id in self._answers or -1 in self._answers)
            answer = self._answers.get(message_id) or self._answers[-1]
        if answer["type"] == "Error":
            raise SearchIndexError(f"Pagefind: {answer.get('message')}")
        return answer

    def add(self, html: str, url: str) -> None:
        """Index one built page (only pages marked for search are worth the trip)."""
        if INDEXED_MARK in html:
            self._ask(
                {"type": "AddFile", "index_id": self._index_id, "url": url, "file_contents": html}
            )

    def write(self, folder: Path) -> None:
        """Write the index into ``folder`` (the site's /pagefind/) and stop the service."""
        try:
            self._wait_for(self._sent)  # answers come in order: every page is indexed
            errors = [a for a in self._answers.values() if a.get("type") == "Error"]
            if errors:
                raise SearchIndexError(f"Pagefind: {errors[0].get('message')}")
            self._ask(
                {"type": "WriteFiles", "index_id": self._index_id, "output_path": str(folder)},
                wait=True,
            )
        finally:
            self.close()

    def close(self) -> None:
        """Stop the service (without writing, when the build failed)."""
        self._outbox.put(None)
        if self._process.poll() is None:
            self._process.terminate()
            self._process.wait()
