"""``acsg check-links`` against a server of our own on 127.0.0.1: never the network."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import BODIES, Content, sub

from acsg.cli import main
from acsg.linkcheck import check_links, check_url, collect_links, report
from acsg.validation import load_catalogue


class Handler(BaseHTTPRequestHandler):
    """/ok: 200; /missing: 404; /no-head: HEAD refused (405), GET 200; /denied: 403."""

    seen: list[tuple[str, str]] = []

    def _answer(self, method: str) -> None:
        Handler.seen.append((method, self.path))
        status = {"/ok": 200, "/missing": 404, "/denied": 403}.get(self.path, 404)
        if self.path == "/no-head":
            status = 405 if method == "HEAD" else 200
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"hello" * 1000
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if method == "GET":
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.seen = []
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_working_link_takes_one_head_request(server: str) -> None:
    result = check_url(f"{server}/ok", timeout=5)
    assert (result.status, result.problem, result.broken) == (200, None, False)
    assert Handler.seen == [("HEAD", "/ok")]


def test_head_refused_then_get_works(server: str) -> None:
    result = check_url(f"{server}/no-head", timeout=5)
    assert not result.broken and result.status == 200
    assert Handler.seen == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_missing_page_is_broken_after_get_too(server: str) -> None:
    result = check_url(f"{server}/missing", timeout=5)
    assert result.broken and result.problem == "HTTP 404"
    assert [method for method, _ in Handler.seen] == ["HEAD", "GET"]


def test_redirects_are_followed(server: str) -> None:
    assert not check_url(f"{server}/moved", timeout=5).broken


def test_access_denied_is_unverified_not_broken(server: str) -> None:
    result = check_url(f"{server}/denied", timeout=5)
    assert result.unverified and not result.broken


def test_no_server_is_broken_with_a_reason() -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = check_url(f"http://127.0.0.1:{port}/", timeout=2)
    assert result.broken and result.status is None
    assert "refused" in result.problem


def test_timeout_is_bounded() -> None:
    import socket
    import time

    with socket.socket() as sock:  # accepts connections but never answers
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        started = time.monotonic()
        result = check_url(f"http://127.0.0.1:{sock.getsockname()[1]}/", timeout=0.5)
    assert result.broken and result.problem == "no answer in time"
    assert time.monotonic() - started < 5


def test_concurrency_keeps_order(server: str) -> None:
    urls = [f"{server}/ok", f"{server}/missing", f"{server}/no-head"] * 3
    results = check_links(urls, timeout=5, workers=4)
    assert [result.url for result in results] == urls
    assert [result.broken for result in results] == [False, True, False] * 3


def _point_sources_at(content: Content, server: str) -> None:
    content.write(
        "pledge",
        "france-offer",
        sub(BODIES["france-offer"], "https://www.example.org/offer", f"{server}/ok"),
    )
    content.write(
        "pledge",
        "georgia-request",
        sub(BODIES["georgia-request"], "https://www.example.org/request", f"{server}/missing"),
    )
    body = sub(BODIES["coi-training"], "https://www.example.org/guide.pdf", f"{server}/no-head")
    body = sub(body, "https://www.example.org/course", f"{server}/missing")
    content.write("good-practice", "coi-training", body)


def test_links_are_collected_from_every_field_and_text(content: Content, server: str) -> None:
    _point_sources_at(content, server)
    catalogue, problems = load_catalogue(content.root)
    assert not problems
    citing = collect_links(catalogue)
    assert citing[f"{server}/missing"] == [
        "good-practices/coi-training.yaml",
        "pledges/georgia-request.yaml",
    ]
    assert f"{server}/no-head" in citing  # a document's url
    assert "https://www.ofpra.gouv.fr" in citing  # a website and a source, listed once
    assert "https://www.example.org/coi" in citing  # an autolink in a summary


def test_check_links_command_reports_broken_links_as_markdown(
    content: Content, server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    _point_sources_at(content, server)
    # Only our server: the other links of the minimal tree would reach the network.
    monkeypatch.setattr(
        "acsg.linkcheck.collect_links",
        lambda catalogue: {
            url: files for url, files in collect_links(catalogue).items() if url.startswith(server)
        },
    )
    output = content.root.parent / "links.md"
    code = main(["check-links", "--timeout", "5", "--output", str(output)])
    assert code == 1
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# Broken links")
    assert "3 link(s)" in text and "1 broken" in text
    assert f"| <{server}/missing> | HTTP 404 | `good-practices/coi-training.yaml`, " in text
    assert f"{server}/ok>" not in text and f"{server}/no-head>" not in text
    assert "3 link(s) checked, 1 broken" in capsys.readouterr().err


def test_report_without_broken_links_says_so() -> None:
    text = report([], {}, date(2026, 1, 5))
    assert "No broken link." in text and "2026-01-05" in text


def test_report_escapes_table_cells() -> None:
    from acsg.linkcheck import Result

    text = report([Result("https://x.org/a|b", 404, "HTTP 404")], {}, date(2026, 1, 5))
    assert "https://x.org/a\\|b" in text
