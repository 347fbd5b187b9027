"""Each document's page in a real browser: headless Chromium, driven by Playwright.

The browser is the system's Chromium (Debian: `apt-get install chromium`), started with
`executable_path`, since Playwright's own browser download is not used. Without it the
tests are skipped, with the reason; with the CI variable set they fail instead, so that
CI never passes without them. Each document's page is opened from `file://`, stepped
with Next and Previous and clicked, and the status line and the explanation are
compared with the engine's own `backward_steps` and `explain`. A screenshot of each
page is saved under the test's temporary folder.
"""

from __future__ import annotations

import os
import shutil

import pytest
from pictures import tap_and_knob
from test_viz_page import HOSTILE, hostile_graph

from autograd_scalar import backward_steps, documents, draw, explain, node_labelled

pytestmark = pytest.mark.usefixtures("no_system_graphviz")

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

_MISSING = (
    "Chromium not found (Debian: apt-get install chromium)"
    if CHROMIUM is None
    else "the playwright package is not installed (pip install -e '.[test]')"
    if playwright_api is None
    else ""
)
if _MISSING:
    if os.environ.get("CI"):
        raise RuntimeError(f"the browser tests cannot run on CI: {_MISSING}")
    pytest.skip(f"browser tests: {_MISSING}", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    assert playwright_api is not None and CHROMIUM is not None
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def open_file(browser, path):
    """A page opened from a file: the page, its script errors and every request it made."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    return page, errors, requests


@pytest.fixture
def open_page(browser, tmp_path):
    """Open a drawing's page from a file; every request the page makes is recorded."""
    opened = []

    def opener(drawing, name):
        page, errors, requests = open_file(browser, drawing.save(tmp_path / f"{name}.html"))
        opened.append(page)
        return page, errors, requests

    yield opener
    for page in opened:
        page.close()


def _status(page) -> str:
    return page.get_by_role("status").text_content()


@pytest.mark.parametrize("name", documents.names())
def test_each_documents_page_steps_and_explains_with_the_engines_numbers(
    name, open_page, tmp_path, results
):
    result = results[name]
    root = result.root
    drawing = draw(root)
    page, errors, requests = open_page(drawing, name)
    # The engine's steps, but for those of another example when one example is drawn.
    chosen = drawing.scene.chosen
    inside = set(chosen.drawn) - chosen.collapsed
    steps = [step for step in backward_steps(root) if step.node in inside]
    total = len(steps)
    assert _status(page).startswith(f"step 0 of {total}:")
    previous = page.get_by_role("button", name="Previous")
    next_button = page.get_by_role("button", name="Next")
    assert previous.is_disabled()
    k = min(3, total)
    for _ in range(k):
        next_button.click()
    expected = f"step {k} of {total}: " + "\n".join(steps[k - 1].lines)
    assert _status(page) == expected
    current = drawing.scene.boxes[steps[k - 1].node]
    assert page.locator(f'g.node[id="{current}"]').get_attribute("class").count("ag-current") == 1
    previous.click()
    assert _status(page).startswith(f"step {k - 1} of {total}:")

    target = node_labelled(root, result.deepest)
    page.locator(f'[data-label="{target.label}"]').click()
    assert page.locator("#explanation").text_content() == str(explain(root, target))
    # The lit edges are exactly those on a path from the output down to the target.
    lit = page.locator("g.edge.ag-path").count()
    reached = {target}
    for node in drawing.scene.folding.order:
        if any(parent in reached for parent in node.parents):
            reached.add(node)
    index = {box: node for node, box in drawing.scene.boxes.items()}
    on_path = [e for e, tail, _ in drawing.scene.edges if index.get(tail) in reached]
    assert lit == len(on_path) > 0
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
    assert (tmp_path / f"{name}.png").stat().st_size > 10_000
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests


def test_grads_fill_step_by_step_and_the_last_step_shows_the_engines(open_page):
    v = tap_and_knob()
    drawing = draw(v["ℓ"])
    page, errors, _ = open_page(drawing, "steps")
    box = drawing.scene.boxes

    def grad_shown(label: str) -> str:
        texts = page.locator(f'g.node[id="{box[v[label]]}"] text').all_text_contents()
        return texts[-1]

    assert grad_shown("W1") == "grad" and grad_shown("ℓ") == "grad 1"
    steps = drawing.scene.steps
    for _ in steps:
        page.get_by_role("button", name="Next").click()
    assert page.get_by_role("button", name="Next").is_disabled()
    for label in ("W1", "X2", "σ3", "y"):
        assert grad_shown(label) == f"grad {v[label].grad:.4g}"
    assert errors == []


def test_hostile_labels_show_as_text_and_never_run(open_page):
    root = hostile_graph()
    page, errors, requests = open_page(draw(root), "hostile")
    for label in HOSTILE:
        assert page.locator("g.node").filter(has_text=label).count() >= 1
    labels = page.locator("g.node[data-label]").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('data-label'))"
    )
    assert sorted(labels) == sorted(HOSTILE)
    node = page.locator("g.node[data-label]").filter(has_text="window.pwned").first
    node.click()
    shown = page.locator("#explanation").text_content()
    assert shown == str(explain(root, node_labelled(root, HOSTILE[3])))
    for _ in range(3):
        page.get_by_role("button", name="Next").click()
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("script").count() == 2  # the data block and the page's own script
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
