"""The app in a real browser: Voilà serves notebooks/app.ipynb on 127.0.0.1, Debian's headless
Chromium (driven by Playwright, no browser download) asks a question and sees the cited quote.

Skipped with the reason when Chromium, Voilà or Playwright is missing; with CI=true a missing
tool fails the test instead, so CI cannot pass by skipping.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT = 120.0  # seconds for Voilà to start and run the app notebook
ANSWER_TIMEOUT_MS = 120_000

pytestmark = [pytest.mark.slow, pytest.mark.allow_hosts(["127.0.0.1"])]


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} (CI=true: browser tests must run)")
    pytest.skip(what)


def _voila() -> str:
    voila = Path(sys.executable).with_name("voila")
    if not voila.exists():
        _missing("Voilà is not installed: pip install -e '.[notebooks]'")
    return str(voila)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"Voilà exited with {server.returncode}:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "api", timeout=2):
                return
        except urllib.error.HTTPError:
            return  # the server answers
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"Voilà did not start within {START_TIMEOUT:.0f}s:\n{log.read_text()[-2000:]}")


@pytest.fixture
def voila_url(tmp_path: Path) -> Iterator[str]:
    """Voilà serving the app notebook on a free port of 127.0.0.1, stopped afterwards."""
    voila = _voila()
    port = _free_port()
    log = tmp_path / "voila.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [
                voila,
                str(ROOT / "notebooks" / "app.ipynb"),
                "--no-browser",
                f"--port={port}",
                "--Voila.ip=127.0.0.1",
                "--show_tracebacks=False",
            ],
            cwd=ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env={**os.environ, "HAYSTACK_TELEMETRY_ENABLED": "False"},
        )
        try:
            url = f"http://127.0.0.1:{port}/"
            _wait_until_up(url, server, log)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


def test_question_in_the_browser_shows_the_highlighted_quote(
    voila_url: str, tmp_path: Path
) -> None:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        _missing("Chromium is not installed: apt-get install -y chromium")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        _missing("Playwright is not installed: pip install -e '.[test]'")

    screenshot = tmp_path / "app.png"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(voila_url, timeout=ANSWER_TIMEOUT_MS)
            box = page.get_by_placeholder("Ask the articles", exact=False)
            box.wait_for(timeout=ANSWER_TIMEOUT_MS)
            box.fill("How fast was the Oreshnik?")
            box.press("Enter")
            answered = page.locator(".kit-note", has_text="Q: How fast was the Oreshnik?")
            done = answered.or_(page.locator(".kit-error")).first
            expect(done).to_be_visible(timeout=ANSWER_TIMEOUT_MS)  # a result or an error
            mark = page.locator("mark", has_text="Mach 11")
            card = page.locator(".kit-card").filter(has=mark).first
            expect(card.locator(mark).first).to_be_visible()
            expect(card.locator(".kit-answer")).to_have_text("Mach 11")
            expect(card.locator(".kit-source code").first).to_have_text("000")
            expect(card).to_contain_text("NATO and Ukraine to Convene Emergency Talks")
            expect(page.locator(".kit-busy")).to_have_count(0)
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    assert screenshot.stat().st_size > 10_000
    print(f"screenshot: {screenshot}")
