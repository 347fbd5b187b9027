"""Each document's page in a real browser, as a learner meets it at 1366×768.

Each page is opened once (from `file://`, in headless Chromium) and read many times: the
status line at every step of backward against the engine's steps, a node's explanation
against `explain`, the lit paths, the layout (picture and panel side by side, the chosen
node's panel in view, a status line of one height), Tab in the order of the layout, the
keyboard doing what the mouse does, and axe-core's accessibility rules. A screenshot of
each page is saved under the test's temporary folder.
"""

from __future__ import annotations

import pytest
from browser import Opened, module_browser, need_a_browser, open_drawing  # noqa: F401
from pictures import tap_and_knob
from test_viz_page import HOSTILE, hostile_graph

from autograd_scalar import documents, draw, explain, node_labelled
from autograd_scalar.cli.shared import document_drawing

need_a_browser()
pytestmark = pytest.mark.usefixtures("no_system_graphviz")

WIDTH, HEIGHT = 1366, 768
IMPACTS = ("serious", "critical")


def status(page) -> str:
    return page.get_by_role("status").text_content()


def box_of(page, label: str):
    return page.locator(f'g.node[data-label="{label}"]')


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in IMPACTS
    ]


def inside_the_window(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return (
        box is not None
        and box["width"] > 0
        and 0 <= box["x"]
        and box["x"] + box["width"] <= WIDTH
        and 0 <= box["y"]
        and box["y"] + box["height"] <= HEIGHT
    )


# Previous pressed until step 0, in the page itself: each step's status line, its height,
# and the box marked as the one being stepped.
STEP_BACK = """() => {
  const previous = document.querySelector('.ag-previous');
  const status = document.querySelector('.ag-status');
  const seen = [];
  while (!previous.disabled) {
    previous.click();
    const current = document.querySelector('g.node.ag-current');
    seen.push([status.textContent, status.getBoundingClientRect().height, current && current.id]);
  }
  return seen;
}"""


@pytest.fixture(scope="module")
def opened(browser, results, tmp_path_factory):
    """Each document's page as `make demo` writes it, opened once for the module."""
    folder = tmp_path_factory.mktemp("pages")
    pages = {}
    for name in documents.names():
        drawing = document_drawing(results[name])
        pages[name] = (
            drawing,
            Opened(browser, drawing.save(folder / f"{name}.html"), WIDTH, HEIGHT),
        )
    yield pages, folder
    for _, page in pages.values():
        page.close()


@pytest.mark.parametrize("name", documents.names())
def test_each_documents_page_as_a_learner_meets_it(name, opened, results):
    pages, folder = opened
    drawing, shown = pages[name]
    page = shown.page
    result = results[name]
    root = result.root
    steps = drawing._stepped().steps
    total = len(steps)
    # It opens as the picture was drawn (after backward): every step taken.
    assert status(page).startswith("backward done:")
    assert page.get_by_role("button", name="Next").is_disabled()
    page.get_by_role("button", name="Previous").click()
    page.get_by_role("button", name="Next").click()  # the last step, as a step
    seen = [(status(page), None, None)] + page.evaluate(STEP_BACK)
    assert [text for text, _, _ in seen[:-1]] == [
        f"step {k} of {total}: " + "\n".join(steps[k - 1].lines) for k in range(total, 0, -1)
    ]
    assert [current for _, _, current in seen[1:-1]] == [
        drawing.scene.boxes[steps[k - 1].node] for k in range(total - 1, 0, -1)
    ]
    assert seen[-1][0].startswith(f"step 0 of {total}:")
    assert len({height for _, height, _ in seen[1:]}) == 1, "the status line changed its height"
    page.get_by_role("button", name="Next").click()
    assert status(page) == f"step 1 of {total}: " + "\n".join(steps[0].lines)

    # A click on the deepest node: its chain rule, in the panel beside the picture, in view.
    target = node_labelled(root, result.deepest)
    box_of(page, target.label).click()
    assert page.locator("#explanation").text_content() == str(explain(root, target))
    for selector in ("#explanation", ".ag-chosen-name", ".ag-chosen-numbers"):
        assert inside_the_window(page, selector), selector
    picture, panel = (
        page.locator(".ag-picture").bounding_box(),
        page.locator(".ag-panel").bounding_box(),
    )
    assert picture["x"] + picture["width"] <= panel["x"] + 1 and picture["width"] > 600
    # The lit edges are exactly those on a path from the output down to the target.
    reached = {target}
    for node in drawing.scene.folding.order:
        if any(parent in reached for parent in node.parents):
            reached.add(node)
    index = {box: node for node, box in drawing.scene.boxes.items()}
    on_path = [e for e, tail, _ in drawing.scene.edges if index.get(tail) in reached]
    assert page.locator("g.edge.ag-path").count() == len(on_path) > 0

    # Tab follows the layout, inputs to output: boxes in order of their place left to right.
    # Tab goes through the boxes in the order the page holds them (each has tabindex 0):
    # that order is read whole, and Tab pressed through its first boxes.
    order = page.evaluate(
        "() => Array.from(document.querySelectorAll('g.node[tabindex]')).map(g => {"
        " const r = g.getBoundingClientRect();"
        " return [g.getAttribute('data-label'), r.x + r.width / 2]; })"
    )
    visited = [label for label, _ in order]
    centres = [centre for _, centre in order]
    assert visited[-1] == root.label and len(set(visited)) == len(drawing.scene.boxes), visited
    assert all(a <= b + 1 for a, b in zip(centres, centres[1:])), visited
    page.locator(".ag-next").focus()
    pressed: list[str] = []
    while len(pressed) < 3:  # the picture's scroller may come first
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.getAttribute('data-label')")
        pressed += [label] if label is not None else []
    assert pressed == visited[:3]

    # The keyboard does what the mouse does: Enter on a node explains it.
    page.keyboard.press("Enter")
    chosen = node_labelled(root, visited[2])
    assert page.locator("#explanation").text_content() == str(explain(root, chosen))

    page.screenshot(path=str(folder / f"{name}.png"))
    assert serious_violations(page) == []
    assert shown.errors == [] and shown.offline()


def test_grads_fill_step_by_step_and_the_last_step_shows_the_engines(browser, tmp_path):
    v = tap_and_knob()
    drawing = draw(v["ℓ"])
    shown = open_drawing(browser, drawing, tmp_path, "steps")
    page = shown.page

    def grad_shown(label: str) -> str:
        return box_of(page, label).locator("text").all_text_contents()[-1]

    for _ in drawing._stepped().steps:
        page.get_by_role("button", name="Previous").click()
    assert grad_shown("W1") == "grad" and grad_shown("ℓ") == "grad 1"
    for _ in drawing.scene.steps:
        page.get_by_role("button", name="Next").click()
    assert page.get_by_role("button", name="Next").is_disabled()
    for label in ("W1", "X2", "σ3", "y"):
        assert grad_shown(label) == f"grad {v[label].grad:.4g}"
    assert shown.errors == []
    shown.close()


def test_a_page_drawn_at_step_k_opens_at_step_k(browser, tmp_path):
    v = tap_and_knob()
    drawing = draw(v["ℓ"], step=3)
    shown = open_drawing(browser, drawing, tmp_path, "step3")
    page = shown.page
    steps = drawing.scene.steps
    assert status(page) == f"step 3 of {len(steps)}: " + "\n".join(steps[2].lines)
    current = drawing.scene.boxes[steps[2].node]
    assert "ag-current" in page.locator(f'g.node[id="{current}"]').get_attribute("class")
    filled = {node for step in steps[:3] for node in step.changed} | {v["ℓ"]}
    for node, box in drawing.scene.boxes.items():
        grad = page.locator(f'g.node[id="{box}"]').get_attribute("data-grad")
        assert (grad != "") == (node in filled), node.label
    shown.close()


def test_hostile_labels_show_as_text_and_never_run(browser, tmp_path):
    root = hostile_graph()
    shown = open_drawing(browser, draw(root), tmp_path, "hostile")
    page = shown.page
    for label in HOSTILE:
        assert page.locator("g.node").filter(has_text=label).count() >= 1
    labels = page.locator("g.node[data-label]").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('data-label'))"
    )
    assert sorted(labels) == sorted(HOSTILE)
    node = page.locator("g.node[data-label]").filter(has_text="window.pwned").first
    node.click()
    shown_text = page.locator("#explanation").text_content()
    assert shown_text == str(explain(root, node_labelled(root, HOSTILE[3])))
    # Its knobs are named by the labels, as text.
    assert page.get_by_role("slider", name=HOSTILE[0]).count() == 1
    page.get_by_role("spinbutton", name=HOSTILE[0]).fill("0.75")
    for _ in range(3):
        page.get_by_role("button", name="Previous").click()
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("script").count() == 2  # the data block and the page's own script
    assert shown.errors == [] and shown.offline()
    shown.close()
