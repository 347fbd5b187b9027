"""Headless Chromium for the page tests: one browser per test module.

The browser is the system's Chromium (Debian: `apt-get install chromium`), started with
`executable_path`, since Playwright's own browser download is not used. Without it a
module that calls `need_a_browser()` is skipped, with the reason; with the CI variable set
it fails instead, so that CI never passes without the browser tests. A module imports
`module_browser` (the fixture `browser`) from here; its pages are opened once and read
many times.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.access("/usr/bin/chromium", os.X_OK):
        found = "/usr/bin/chromium"
    return found


CHROMIUM = _chromium()
try:
    import playwright.sync_api as playwright_api
except ImportError:  # the test extra brings it; a bare install may not have it
    playwright_api = None  # type: ignore[assignment]

MISSING = (
    "Chromium not found (Debian: apt-get install chromium)"
    if CHROMIUM is None
    else "the playwright package is not installed (pip install -e '.[test]')"
    if playwright_api is None
    else ""
)


def need_a_browser() -> None:
    """Skip the calling module when there is no browser to run it in (fail under CI)."""
    if MISSING:
        if os.environ.get("CI"):
            raise RuntimeError(f"the browser tests cannot run on CI: {MISSING}")
        pytest.skip(f"browser tests: {MISSING}", allow_module_level=True)


@pytest.fixture(scope="module", name="browser")
def module_browser() -> Iterator[Any]:
    """Chromium for one test module, as the fixture `browser`: import this into the module
    (a browser for the whole session would keep Playwright's event loop running under the
    tests that run asyncio)."""
    assert playwright_api is not None and CHROMIUM is not None
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def open_file(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    """A page opened from a file: the page, its script errors and every request it made."""
    opened = Opened(browser, path, 1200, 900)
    return opened.page, opened.errors, opened.requests


class Opened:
    """A page open in the browser, with every error it raised and every request it made."""

    def __init__(self, browser: Any, path: Path, width: int = 1366, height: int = 768) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.set_default_timeout(5000)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(path.as_uri())

    def close(self) -> None:
        self.page.close()

    def offline(self) -> bool:
        """Whether every request the page made was for a file (no network at all)."""
        return all(url.startswith("file://") for url in self.requests)


def open_drawing(browser: Any, drawing: Any, folder: Path, name: str, **viewport: int) -> Opened:
    """Save a drawing's page under `folder` and open it."""
    return Opened(browser, drawing.save(folder / f"{name}.html"), **viewport)
