"""How long a page takes to follow a knob, in headless Chromium.

Targets: on the 2-3-3-1 ReLU network's page (the relu-network document, as `make demo`
writes it), a knob move updates the picture within one frame (16 ms); on a page of a
400-node graph, within 50 ms. A knob move is the whole of it: forward and backward over
the graph, every step of the reading, every box, edge and colour of the picture, the
status line, and, with a leaf chosen, its explanation and the knob's picture (the output
at 121 values of the leaf). Measured in the page, for 40 moves of a first-layer weight:
- the script: from the slider's input event until its handler returns;
- the frame's work: the script, then the style and layout of what it changed (forced at
  once, as the next frame would do them); painting is left to the compositor.
Each is given as the least and the median of the moves: on a machine shared with other
work, the least is what the move costs, the median adds the waits for a free core.
Run: `python benchmarks/page_knob_speed.py` (needs Chromium and playwright: the test extra).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from page_speed import wide_graph

from autograd_scalar import documents, draw, topological_order
from autograd_scalar.cli.shared import document_drawing

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]

# 40 moves of the knob named `label`, timed inside the page: [script, script + layout] (ms).
MOVES = """async (label) => {
  const slider = Array.from(document.querySelectorAll('input[type=range]'))
    .find(input => input.getAttribute('aria-label') === label);
  const low = Number(slider.min), high = Number(slider.max), times = [];
  for (let i = 0; i < 40; i++) {
    slider.value = String(low + (high - low) * (0.3 + 0.4 * (i % 8) / 7));
    const start = performance.now();
    slider.dispatchEvent(new Event('input'));
    const script = performance.now();
    document.querySelector('.ag-svg').getBoundingClientRect();
    document.querySelector('.ag-panel').getBoundingClientRect();
    times.push([script - start, performance.now() - start]);
    await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  }
  return times;
}"""


def measure(page, label: str) -> tuple[str, str]:
    """The script's time and the frame's work, each as "least / median" of the moves: on
    a shared machine the least is the work itself, the median adds the waits for a core."""
    times = page.evaluate(MOVES, label)
    return tuple(  # type: ignore[return-value]
        f"{min(t[i] for t in times):.1f} / {statistics.median(t[i] for t in times):.1f}"
        for i in (0, 1)
    )


def report(browser, folder: Path, name: str, drawing, knob: str) -> None:
    path = drawing.save(folder / f"{name}.html")
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(path.as_uri())
    nodes = len(topological_order(drawing.root))
    script, frame = measure(page, knob)
    page.locator(f'g.node[data-label="{knob}"]').click()
    chosen_script, chosen_frame = measure(page, knob)
    print(
        f"{name} ({nodes} nodes, {len(drawing.scene.boxes)} boxes), knob {knob}: "
        f"script {script} ms, frame's work {frame} ms; with {knob} chosen "
        f"(explanation and knob's picture too): {chosen_script} ms, {chosen_frame} ms"
    )
    page.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        sys.exit("page_knob_speed needs Chromium (Debian: apt-get install chromium)")
    relu = document_drawing(documents.run("relu-network"))
    big = wide_graph(400)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=FLAGS)
        report(browser, Path(folder), "relu-network page (2-3-3-1 ReLU)", relu, "w1")
        for view in ("equations", "ops"):
            drawing = draw(big, view=view, max_nodes=None)
            report(browser, Path(folder), f"400-node page, {view} view", drawing, "w0")
        browser.close()
    print(
        "(least / median of 40 moves) targets: 16 ms (one frame) for the 2-3-3-1 network, "
        "50 ms for 400 nodes; load average now: "
        + " ".join(open("/proc/loadavg").read().split()[:3])
        if Path("/proc/loadavg").exists()
        else ""
    )


if __name__ == "__main__":
    main()
