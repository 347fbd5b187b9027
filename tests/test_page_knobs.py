"""Turning the knobs of a page, in headless Chromium, against the engine.

The page recomputes the whole graph in the browser from the op table printed to
JavaScript. Here random graphs that use every op of the table and a registered op are
drawn, their knobs turned, and every number the page then shows is held against the
engine's, run again at the new values: each node's value and grad (to 1e-12, relative),
every text of the picture (against the picture Python draws at those values), the
explanation and backward's steps. Then: a refusal says what Python says and changes
nothing; Step is nn.SGD's step; the knob's picture is the output as a function of the
leaf with the gradient as its slope; an op that cannot be printed makes its leaves
read-only; the page works inside a notebook's output; axe-core finds nothing serious.
"""

from __future__ import annotations

import json
import math
import random

import pytest
from browser import Opened, module_browser, need_a_browser  # noqa: F401 (the fixture)
from graphs import OPAQUE, opaque_network
from op_records import SOFTPLUS
from pictures import POINT, box_texts, edge_labels, tap_and_knob
from test_browser import serious_violations

from autograd_scalar import (
    DomainError,
    Value,
    apply,
    backward_steps,
    draw,
    explain,
    nn,
    node_labelled,
    registered,
    topological_order,
)
from autograd_scalar.core.ops import OPS

need_a_browser()
pytestmark = pytest.mark.usefixtures("no_system_graphviz")

LEAVES = ("x1", "x2", "x3", "x4")
PARAMETERS = ("W1", "W2", "W3", "W4", "W5", "W6", "b1", "b2", "b3")

# Every node's box in the page: its id, data-value and data-grad, read in one go.
BOXES = """() => Array.from(document.querySelectorAll('g.node[data-value]')).map(
  g => [g.id, g.getAttribute('data-value'), g.getAttribute('data-grad')])"""
# Every text of the picture, by node and edge, and the title's first line.
TEXTS = """() => ({
  boxes: Object.fromEntries(Array.from(document.querySelectorAll('g.node')).map(
    g => [g.id, Array.from(g.querySelectorAll('text')).map(t => t.textContent)])),
  edges: Array.from(document.querySelectorAll('g.edge')).map(
    g => Array.from(g.querySelectorAll('text')).map(t => t.textContent).join(' ')).filter(t => t),
  title: document.querySelector('g.graph > text').textContent})"""


# --- Random graphs over the whole op table ------------------------------------------

Recipe = list[tuple[str, str, int, int, float]]


def random_recipe(rng: random.Random, ops: list[str], size: int = 28) -> Recipe:
    """A program over the leaves that uses every op of `ops` at least once, each op given
    inputs inside its domain for any leaf in [−1.5, 1.5]: log, sqrt, a fractional power and
    a divisor get a positive node (from exp, sigmoid, softplus or a square plus ½).

    A step is (op, how, i, j, k): how is "nodes" (node i, node j), "right" (node i, the
    number k), "left" (the number k, node j) or "one" (node i; k is pow's exponent)."""
    general = list(range(len(LEAVES)))
    positive: list[int] = []
    recipe: Recipe = []
    count = len(LEAVES)

    def add(step: tuple[str, str, int, int, float], is_positive: bool) -> None:
        nonlocal count
        recipe.append(step)
        (positive if is_positive else general).append(count)
        count += 1

    def any_node() -> int:
        return rng.choice(general + positive)

    # First a few positive nodes, so that every op has something to work on.
    for name in ("exp", "sigmoid", "softplus"):
        if name in ops:
            add((name, "one", rng.choice(general), 0, 0.0), True)
    add(("pow", "one", rng.choice(general), 0, 2.0), False)
    add(("add", "right", count - 1, 0, 0.5), True)  # a square plus ½
    wanted = list(ops) + [rng.choice(ops) for _ in range(size - len(ops))]
    rng.shuffle(wanted)
    for name in wanted:
        arity = OPS[name].arity
        if name in ("log", "sqrt"):
            add((name, "one", rng.choice(positive), 0, 0.0), name == "sqrt")
        elif name == "pow":
            k = rng.choice([2.0, 3.0, -1.0, 0.5, -1.5])
            base = rng.choice(positive) if k != int(k) or k < 0 else any_node()
            add(("pow", "one", base, 0, k), k == 2.0 or base in positive)
        elif name == "div":
            how = rng.choice(["nodes", "left"])
            add(("div", how, any_node(), rng.choice(positive), rng.choice([1.0, 3.0])), False)
        elif arity == 2:
            how = rng.choice(["nodes", "nodes", "right", "left"])
            add((name, how, any_node(), any_node(), rng.choice([2.0, 1.0, -0.5])), False)
        else:
            add((name, "one", any_node(), 0, 0.0), name in ("exp", "sigmoid", "softplus"))
    return recipe


def build(recipe: Recipe, leaves: dict[str, float], labelled: bool) -> Value:
    """The graph of `recipe` at `leaves`; every third node labelled when `labelled`."""
    pool = [Value(leaves[name], name) for name in LEAVES]
    for place, (name, how, i, j, k) in enumerate(recipe):
        op = OPS[name]
        if how == "nodes":
            node = apply(op, pool[i], pool[j])
        elif how == "right":
            node = apply(op, pool[i], k)
        elif how == "left":
            node = apply(op, k, pool[j])
        else:
            node = apply(op, pool[i], k) if op.constant else apply(op, pool[i])
        if labelled and place % 3 == 2:
            node.labelled(f"v{place}")
        pool.append(node)
    # Every node reaches the output: the ones nothing else uses are summed into it.
    used = {x for node in pool for x in node.parents}
    total = pool[len(pool) // 2] * pool[-2]
    for node in pool[len(LEAVES) :]:
        if node not in used:
            total = total + node
    out = total.labelled("out")
    out.backward()
    return out


def buildable(recipe: Recipe, leaves: dict[str, float]) -> bool:
    try:
        root = build(recipe, leaves, False)
    except (DomainError, ArithmeticError, ValueError):
        return False
    return all(abs(node.data) < 1e6 and abs(node.grad) < 1e6 for node in topological_order(root))


def close(found: str | float, expected: float) -> bool:
    return math.isclose(float(found), expected, rel_tol=1e-12, abs_tol=1e-300)


def random_graph(seed: int) -> tuple[Recipe, list[dict[str, float]]]:
    """A random recipe, with its start and two more values of its leaves, all buildable."""
    rng = random.Random(seed)
    while True:
        recipe = random_recipe(rng, sorted(OPS))
        points = [{name: round(rng.uniform(-1.5, 1.5), 3) for name in LEAVES} for _ in range(3)]
        if all(buildable(recipe, point) for point in points):
            return recipe, points


@pytest.fixture(scope="module")
def softplus():
    with registered(SOFTPLUS):
        yield SOFTPLUS


def turn(page, knobs: dict[str, float]) -> None:
    """Type each value into its knob's number field, as a learner would."""
    for label, value in knobs.items():
        page.get_by_role("spinbutton", name=label, exact=True).fill(repr(value))


def check_every_number(page, root: Value, drawing) -> None:
    """Each box's data-value and data-grad against the engine's (to 1e-12, relative), and
    every text of the picture against the picture Python draws of `root`."""
    nodes = {box: node for node, box in drawing.scene.boxes.items()}
    by_place = {i: node for i, node in enumerate(topological_order(root))}
    drawn = {node: i for i, node in enumerate(topological_order(drawing.root))}
    shown = page.evaluate(BOXES)
    assert len(shown) == len(nodes)
    for box, value, grad in shown:
        expected = by_place[drawn[nodes[box]]]
        assert close(value, expected.data), (box, value, expected.data)
        assert close(grad, expected.grad), (box, grad, expected.grad)
    texts = page.evaluate(TEXTS)
    view = "ops" if drawing.scene.chosen is None else "equations"
    again = draw(root, view=view, show_partials=True)
    svg = again.svg()
    assert texts["boxes"] == {box: lines for box, lines in box_texts(svg).items()}
    assert texts["edges"] == edge_labels(svg)
    assert texts["title"] == next(t for t in svg_title(svg))


def svg_title(svg: str):
    from pictures import svg_root

    root = svg_root(svg)
    graph = next(g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "graph")
    for child in graph:
        if child.tag.endswith("text"):
            yield child.text or ""


@pytest.mark.parametrize(("view", "seed"), [("ops", 20), ("equations", 21)])
def test_random_graphs_over_every_op_give_the_engines_numbers_when_their_knobs_turn(
    view, seed, softplus, browser, tmp_path
):
    recipe, (start, *moves) = random_graph(seed)
    labelled = view == "equations"
    root = build(recipe, start, labelled)
    used = {node.op.name for node in topological_order(root) if node.op is not None}
    assert used >= set(OPS), f"the graph misses {set(OPS) - used}"
    drawing = draw(root, view=view, show_partials=True)
    shown = Opened(browser, drawing.save(tmp_path / f"{view}.html"))
    page = shown.page
    check_every_number(page, root, drawing)  # at the start, the page is the picture
    for moved in moves:
        turn(page, moved)
        again = build(recipe, moved, labelled)
        check_every_number(page, again, drawing)
    # The chain rule of a leaf and of a node computed in the middle, as explain says it.
    order = topological_order(drawing.root)
    boxed = sorted(drawing.scene.boxes, key=order.index)
    for node in (boxed[1], boxed[len(boxed) // 2]):
        page.locator(f'g.node[id="{drawing.scene.boxes[node]}"]').click()
        expected = topological_order(again)[order.index(node)]
        assert page.locator("#explanation").text_content() == str(explain(again, expected))
    # Backward's steps, as Python's picture at the new values steps through them (the
    # backward_steps of the op view; in the equation view, between the boxes drawn).
    steps = draw(again, view=view)._stepped().steps
    if view == "ops":
        assert [step.lines for step in steps] == [s.lines for s in backward_steps(again, view)]
    page.get_by_role("button", name="Previous").click()
    for k in (len(steps) - 1, len(steps) - 2):
        said = page.get_by_role("status").text_content()
        assert said == f"step {k} of {len(steps)}: " + "\n".join(steps[k - 1].lines)
        page.get_by_role("button", name="Previous").click()
    assert shown.errors == [] and shown.offline()
    shown.close()


# --- One page, the tap-and-knob network: refusals, training, the knob's picture ----------


@pytest.fixture(scope="module")
def tap(browser, tmp_path_factory):
    v = tap_and_knob()
    drawing = draw(v["ℓ"], highlight=v["W1"], params=[v[name] for name in PARAMETERS])
    shown = Opened(browser, drawing.save(tmp_path_factory.mktemp("tap") / "tap.html"))
    yield v, drawing, shown
    shown.close()


def reset(page) -> None:
    page.get_by_role("button", name="Reset").click()


def values_shown(page) -> dict[str, float]:
    return {
        label: float(value)
        for label, value in page.evaluate(
            "() => Array.from(document.querySelectorAll('g.node[data-label]')).map("
            "g => [g.getAttribute('data-label'), g.getAttribute('data-value')])"
        )
    }


def test_a_refused_value_says_what_python_says_and_keeps_the_last_good_state(tap):
    v, drawing, shown = tap
    page = shown.page
    reset(page)
    before = values_shown(page)
    turn(page, {"b3": 40.0})  # σ3 rounds to exactly 1: log(1 − σ3) is log(0)
    with pytest.raises(DomainError) as refused:
        tap_and_knob({**POINT, "b3": 40.0})
    alert = page.get_by_role("alert")
    # Python names no node (log's input, 1 − σ3, has no label); the page names the
    # nearest labelled node that the log feeds.
    assert str(refused.value) == "log(0.0): log is defined only for inputs > 0"
    assert alert.text_content() == "log(0.0) (in node 'ℓ'): log is defined only for inputs > 0"
    assert values_shown(page) == before
    field = page.get_by_role("spinbutton", name="b3")
    assert field.get_attribute("aria-invalid") == "true"  # left to be corrected, marked
    field.press("Enter")  # leaving it as it is puts the last good value back
    assert field.input_value() == repr(POINT["b3"])
    assert "NaN" not in page.locator("body").inner_text().replace("nan", "NaN")
    turn(page, {"b3": 0.5})  # a good value clears the alert
    assert alert.is_hidden()
    assert values_shown(page)["ℓ"] == tap_and_knob({**POINT, "b3": 0.5})["ℓ"].data


def test_a_number_typed_past_the_largest_float_puts_back_the_value_from_before_the_typing(tap):
    v, drawing, shown = tap
    page = shown.page
    reset(page)
    before = values_shown(page)
    field = page.get_by_role("spinbutton", name="W3")
    field.click()
    field.select_text()
    page.keyboard.type("1e400")  # key by key, the knob passes through 1, 1e4 and 1e40
    assert values_shown(page)["W3"] == 1e40
    field.press("Tab")
    assert values_shown(page) == before and field.input_value() == repr(POINT["W3"])
    alert = page.get_by_role("alert")
    assert alert.text_content() == (
        "W3 takes a finite number, and what was typed is not one: W3 stays 0.35"
    )
    turn(page, {"W3": 0.5})
    assert alert.is_hidden()


def test_a_knobs_range_follows_the_size_of_its_value_and_reset_puts_it_back(tap):
    v, drawing, shown = tap
    page = shown.page
    reset(page)
    slider = page.get_by_role("slider", name="W3")

    def bounds() -> tuple[float, float, float]:
        return tuple(float(slider.get_attribute(k)) for k in ("min", "max", "step"))

    start = bounds()
    assert start[0] < POINT["W3"] < start[1] and start[2] <= 0.01
    turn(page, {"W3": 123.456789})
    assert bounds()[1] > 123.456789 and bounds()[2] >= 1
    turn(page, {"W3": 0.123456789})  # a small value gets a range of its size back
    low, high, step = bounds()
    assert step == start[2] and high - low == pytest.approx(start[1] - start[0], abs=step)
    assert low < 0.123456789 < high
    slider.press("ArrowRight")
    assert values_shown(page)["W3"] == pytest.approx(0.123456789 + start[2], abs=start[2])
    turn(page, {"W3": 123.456789})
    reset(page)
    assert bounds() == start and float(slider.input_value()) == POINT["W3"]


def test_the_plots_numbers_stay_inside_their_pictures(tap):
    v, drawing, shown = tap
    page = shown.page
    reset(page)
    turn(page, {"b3": 6.0})  # a loss of 0.0025..., written with its zeros
    page.locator('g.node[data-label="b3"]').click()
    outside = page.evaluate(
        "() => Array.from(document.querySelectorAll('#loss-plot text, .ag-knob-plot text'))"
        ".filter(t => { const box = t.getBoundingClientRect(),"
        " frame = t.ownerSVGElement.getBoundingClientRect();"
        " return box.left < frame.left || box.right > frame.right; })"
        ".map(t => t.textContent)"
    )
    shown_numbers = page.evaluate(
        "() => Array.from(document.querySelectorAll('#loss-plot text')).map(t => t.textContent)"
    )
    assert any(text.startswith("0.00") for text in shown_numbers), shown_numbers
    assert outside == []


def test_refusals_name_the_input_node_and_a_result_past_the_largest_float(
    softplus, browser, tmp_path
):
    w, x = Value(0.5, "w"), Value(2.0, "x")
    p = (w * x).labelled("p")
    out = (p.log() + (w * 100.0).exp()).labelled("out")
    out.backward()
    shown = Opened(browser, draw(out).save(tmp_path / "refusals.html"))
    page = shown.page
    for moved in ({"w": -0.5}, {"w": 8.0}):
        turn(page, moved)
        with pytest.raises(DomainError) as refused:
            w2, x2 = Value(moved["w"], "w"), Value(2.0, "x")
            (w2 * x2).labelled("p").log() + (w2 * 100.0).exp()
        said = str(refused.value)
        if "input node" not in said:  # exp's input, w·100, has no label: the page says where
            said = said.replace(": ", " (in node 'out'): ", 1)
        assert page.get_by_role("alert").text_content() == said
    assert str(refused.value) == "exp(800.0): the result overflows a float"
    shown.close()


def sgd_losses(lr: float, steps: int) -> tuple[list[float], dict[str, float]]:
    """nn.SGD on the tap-and-knob network: the loss before each step and after the last,
    and the parameters then."""
    values = dict(POINT)
    losses = []
    parameters: list[Value] = []
    for _ in range(steps + 1):
        v = tap_and_knob(values)
        losses.append(v["ℓ"].data)
        parameters = [v[name] for name in PARAMETERS]
        if len(losses) > steps:
            break
        nn.SGD(parameters, lr).step()
        values.update({p.label: p.data for p in parameters})
    return losses, {p.label: p.data for p in parameters}


def test_step_and_run_are_nn_sgds_steps_and_reset_goes_back(tap):
    v, drawing, shown = tap
    page = shown.page
    reset(page)
    page.get_by_role("spinbutton", name="learning rate").fill("0.5")
    for _ in range(3):
        page.get_by_role("button", name="Step").click()
    losses, parameters = sgd_losses(0.5, 3)
    plotted = json.loads(page.locator("#loss-plot").get_attribute("data-losses"))
    # The same numbers; to the last bit but where the browser's exp and log round
    # differently from the C library's.
    assert len(plotted) == len(losses) and all(map(close, plotted, losses))
    shown_values = values_shown(page)
    assert all(close(shown_values[name], parameters[name]) for name in PARAMETERS)
    assert shown_values["X1"] == POINT["X1"]  # inputs are not trained
    page.locator(".ag-count").fill("4")
    page.get_by_role("button", name="Run").click()
    page.wait_for_function("() => document.querySelector('.ag-run').textContent === 'Run'")
    plotted = json.loads(page.locator("#loss-plot").get_attribute("data-losses"))
    expected = sgd_losses(0.5, 7)[0]
    assert len(plotted) == 8 and all(map(close, plotted, expected)) and plotted[-1] < plotted[0]
    reset(page)
    assert json.loads(page.locator("#loss-plot").get_attribute("data-losses")) == [losses[0]]
    assert values_shown(page)["W1"] == POINT["W1"]


def drawn_at(page, x: float) -> None:
    """Wait for the knob's picture to be drawn with its leaf at x."""
    page.wait_for_function(
        "x => document.querySelector('.ag-knob-plot').getAttribute('data-x') === String(x)", arg=x
    )


def test_the_knobs_picture_is_the_output_against_the_leaf_with_the_gradient_as_slope(tap):
    v, drawing, shown = tap
    page = shown.page
    reset(page)
    page.locator('g.node[data-label="W5"]').click()
    plot = page.locator(".ag-knob-plot")
    drawn_at(page, POINT["W5"])
    grad = float(page.locator('g.node[data-label="W5"]').get_attribute("data-grad"))
    assert float(plot.get_attribute("data-slope")) == grad
    assert float(plot.get_attribute("data-x")) == POINT["W5"]
    low, high = (float(plot.get_attribute(k)) for k in ("data-low", "data-high"))
    bottom, top = (float(plot.get_attribute(k)) for k in ("data-bottom", "data-top"))
    # The curve, read back from the plot, is ℓ at each W5, as the engine computes it.
    points = plot.locator(".ag-curve").get_attribute("d").replace("M", " ").replace("L", " ")
    numbers = [float(t) for t in points.split()]
    width, height = (float(plot.get_attribute(k)) for k in ("data-width", "data-height"))
    left, upper = (float(plot.get_attribute(k)) for k in ("data-left", "data-upper"))
    for px, py in list(zip(numbers[::2], numbers[1::2]))[::20]:
        w5 = low + (px - left) / width * (high - low)
        loss = tap_and_knob({**POINT, "W5": w5})["ℓ"].data
        assert abs(top - (py - upper) / height * (top - bottom) - loss) < 2e-4 * (top - bottom)
    # The tangent's slope, in the plot's own units, is the gradient.
    line = plot.locator(".ag-tangent")
    x1, y1, x2, y2 = (float(line.get_attribute(k)) for k in ("x1", "y1", "x2", "y2"))
    slope = ((y1 - y2) / height * (top - bottom)) / ((x2 - x1) / width * (high - low))
    assert math.isclose(slope, grad, rel_tol=1e-3)
    # Moving the knob moves the point along the curve; the keyboard moves the knob.
    cx = float(plot.locator(".ag-point").get_attribute("cx"))
    page.get_by_role("slider", name="W5").focus()
    page.keyboard.press("ArrowRight")
    moved = float(page.get_by_role("spinbutton", name="W5").input_value())
    drawn_at(page, moved)  # the knob's picture follows in the next frame
    assert moved > POINT["W5"] and float(plot.get_attribute("data-x")) == moved
    assert float(plot.locator(".ag-point").get_attribute("cx")) > cx
    assert values_shown(page)["ℓ"] == tap_and_knob({**POINT, "W5": moved})["ℓ"].data


def test_the_drawings_highlight_and_the_chosen_paths_differ_and_the_legend_names_both(tap):
    v, drawing, shown = tap
    page = shown.page
    page.locator('g.node[data-label="W6"]').click()
    chosen = page.locator("g.edge.ag-path > path").first.evaluate("p => getComputedStyle(p).stroke")
    highlighted = page.locator('g.edge:not(.ag-path) > path[stroke="#e6550d"]')
    assert highlighted.count() > 0
    assert chosen != highlighted.first.evaluate("p => getComputedStyle(p).stroke")
    legend = page.locator(".ag-legend").text_content()
    assert "orange: the paths to W1" in legend and "green: the paths" in legend


def test_an_op_the_page_cannot_compute_makes_its_leaves_read_only(browser, tmp_path):
    with registered(OPAQUE):
        drawing = draw(opaque_network()["out"])
        shown = Opened(browser, drawing.save(tmp_path / "opaque.html"))
        page = shown.page
        for name in ("w", "x"):
            assert page.get_by_role("slider", name=name).is_disabled()
        why = page.locator(".ag-why").first.text_content()
        assert "opaque_softplus" in why and "definition" in why
        turn(page, {"c": -0.75})
        check_every_number(page, opaque_network(-0.75)["out"], drawing)
        assert shown.errors == []
        assert serious_violations(page) == []  # a drawing of a registered op
        shown.close()


def test_the_page_works_inside_a_notebooks_output_two_drawings_apart(softplus, browser, tmp_path):
    v = tap_and_knob()
    z = Value(0.3, "z")
    h = apply(softplus, z).labelled("h")
    h.backward()
    # What Jupyter shows: each drawing's HTML in an output area of one document.
    outputs = "".join(
        f'<div class="output_area"><div class="output_html">{drawing._repr_html_()}</div></div>'
        for drawing in (draw(v["ℓ"]), draw(h))
    )
    path = tmp_path / "notebook.html"
    path.write_text(f"<!DOCTYPE html><html><body>{outputs}</body></html>", encoding="utf-8")
    shown = Opened(browser, path)
    page = shown.page
    first, second = page.locator(".ag-page").nth(0), page.locator(".ag-page").nth(1)
    second.get_by_role("spinbutton", name="z").fill("1.5")
    value = second.locator('g.node[data-label="h"]').get_attribute("data-value")
    assert float(value) == SOFTPLUS.forward(1.5)
    assert float(first.locator('g.node[data-label="ℓ"]').get_attribute("data-value")) == v["ℓ"].data
    first.locator('g.node[data-label="W1"]').click()
    assert first.locator(".ag-explanation").text_content() == str(explain(v["ℓ"], v["W1"]))
    assert second.locator(".ag-explanation").text_content() == ""
    assert shown.errors == [] and shown.offline()
    shown.close()


def test_the_tap_and_knob_notebook_ends_with_the_page():
    from pathlib import Path

    import jupytext

    notebook = jupytext.read(Path(__file__).parent.parent / "notebooks" / "tap-and-knob.py")
    last = [cell for cell in notebook.cells if cell.cell_type == "code"][-1]
    assert last.source.strip().splitlines()[-1].startswith("draw(")


# Each value typed into a knob, and what the page then shows: the leaf's box, and the alert.
TYPE_EACH = """([label, values]) => {
  const field = Array.from(document.querySelectorAll('input[type=number]'))
    .find(input => input.getAttribute('aria-label') === label);
  const box = document.querySelector(`g.node[data-label="${label}"] text`);
  const alert = document.querySelector('.ag-alert');
  return values.map(value => {
    field.value = value;
    field.dispatchEvent(new Event('input'));
    return [box.textContent, alert.hidden ? '' : alert.textContent];
  });
}"""


def many_paths(x: float, v: float, w: float) -> Value:
    """out = Σ_j b_j + v + log(w), with b_j = c_j·Σ_i a_i and a_i = x·u_i: 25 paths to x."""
    xs, vs, ws = Value(x, "x"), Value(v, "v"), Value(w, "w")
    a = [(xs * (0.3 + 0.1 * i)).labelled(f"a{i}") for i in range(5)]
    total = a[0] + a[1] + a[2] + a[3] + a[4]
    b = [(total * (1.0 - 0.15 * j)).tanh().labelled(f"b{j}") for j in range(5)]
    out = (b[0] + b[1] + b[2] + b[3] + b[4] + vs + ws.log()).labelled("out")
    out.backward()
    return out


def test_numbers_read_as_python_writes_them_and_many_paths_as_explain_sums_them(browser, tmp_path):
    root = many_paths(0.4, 1.0, 2.0)
    shown = Opened(browser, draw(root).save(tmp_path / "numbers.html"))
    page = shown.page
    # Four significant digits, a tie rounded to even as Python rounds it (1.0625 → 1.062).
    values = [
        1.0625,
        12.125,
        1234.5,
        0.5625,
        -2.0625,
        1e-05,
        0.0001234,
        123456.0,
        1e16,
        -0.0,
        9.99951,
        0.1 + 0.2,
        5e-324,
        1.7976931348623157e308,
        2.5,
        99995.0,
    ]
    said = page.evaluate(TYPE_EACH, ["v", [repr(x) for x in values]])
    assert [text for text, _ in said] == [f"v = {x + 0.0:.4g}" for x in values]
    # A refusal names the input as Python's repr writes it.
    refused = [-1e-07, -1e16, -1.5e-05, -123456789012345678.0, -0.1, -2.0, -1e22, -5e-324, -0.0]
    said = page.evaluate(TYPE_EACH, ["w", [repr(x) for x in refused]])
    for x, (_, alert) in zip(refused, said):
        with pytest.raises(DomainError) as error:
            many_paths(0.4, 1.0, x)
        assert alert == str(error.value)
    # More than 20 paths: the 5 largest, as explain picks them, at each of the leaf's values.
    page.get_by_role("spinbutton", name="w").fill("2")
    for x in (0.4, -0.7, 1.3):
        page.get_by_role("spinbutton", name="x").fill(repr(x))
        page.locator('g.node[data-label="x"]').click()
        again = many_paths(x, 1.0, 2.0)
        expected = str(explain(again, node_labelled(again, "x")))
        assert "the sum over 25 paths; the 5 largest:" in expected
        assert page.locator("#explanation").text_content() == expected
    assert shown.errors == []
    shown.close()


def test_a_graph_too_large_for_explain_is_summarised_as_explain_summarises_it(
    browser, tmp_path, monkeypatch
):
    # The page summarises past explain's own limit (2,000 nodes); a limit of 20 here tries
    # it on the 35 nodes of the tap-and-knob network.
    monkeypatch.setattr("autograd_scalar.viz.page.MAX_NODES", 20)
    v = tap_and_knob()
    shown = Opened(browser, draw(v["ℓ"]).save(tmp_path / "summary.html"))
    page = shown.page
    for w1 in (0.15, -2.0):
        page.get_by_role("spinbutton", name="W1").fill(repr(w1))
        page.locator('g.node[data-label="W1"]').click()
        again = tap_and_knob({**POINT, "W1": w1})
        expected = str(explain(again["ℓ"], again["W1"], max_nodes=20))
        assert "more than max_nodes=20" in expected
        assert page.locator("#explanation").text_content() == expected
    assert shown.errors == []
    shown.close()


# --- Leaves without labels, the alert's place, the title's note on .grad -------------

KNOB_NAMES = """() => Array.from(document.querySelectorAll('.ag-knob')).map(row => {
  const name = row.querySelector('.ag-knob-name');
  return [name.textContent, row.querySelector('input[type=range]').getAttribute('aria-label'),
          row.querySelector('input[type=number]').getAttribute('aria-label'),
          name.scrollWidth <= name.clientWidth, row.querySelector('.ag-train-box input').checked];
})"""


def mlp_loss(model: nn.MLP) -> Value:
    loss = (model([0.5, -1.0]) - 1.0) ** 2
    loss.backward()
    return loss


def test_every_leaf_of_an_unlabelled_network_has_a_knob_named_by_its_dotted_name(browser, tmp_path):
    model = nn.MLP(2, [3, 1], seed=1)
    loss = mlp_loss(model)
    shown = Opened(browser, draw(loss, module=model).save(tmp_path / "mlp.html"))
    page = shown.page
    knobs = page.evaluate(KNOB_NAMES)
    names = dict(model.named_parameters())
    leaves = [node for node in topological_order(loss) if node.op is None]
    assert len(knobs) == len(leaves) == len(names) + 2  # the parameters and the two inputs
    # Shown whole, and the slider and the field are named by what is shown.
    assert all(text == slider == field and whole for text, slider, field, whole, _ in knobs)
    ticked = {text for text, *_, train in knobs if train}
    assert ticked == set(names)  # the module's parameters, ticked to train
    inputs = {text for text, *_ in knobs} - ticked
    place = {node: i for i, node in enumerate(topological_order(loss))}
    assert inputs == {f"leaf#{place[node]}" for node in leaves if node not in names.values()}
    # The status line and the loss caption call the unlabelled output "the output".
    assert (
        page.get_by_role("status")
        .text_content()
        .startswith("backward done: every grad is ∂(the output)/∂node")
    )
    assert page.locator(".ag-loss-caption").text_content().startswith("the output = ")
    # A knob turns its parameter; Step is nn.SGD's step on the module's parameters.
    page.get_by_role("spinbutton", name="layers.1.neurons.0.b", exact=True).fill("0.25")
    again = nn.MLP(2, [3, 1], seed=1)
    dict(again.named_parameters())["layers.1.neurons.0.b"].data = 0.25
    moved = mlp_loss(again)
    root = page.locator(f'g.node[id="{draw(loss).scene.boxes[loss]}"]')
    assert close(root.get_attribute("data-value"), moved.data)
    page.get_by_role("button", name="Step").click()
    nn.SGD(again.parameters(), 0.1).step()
    plotted = json.loads(page.locator("#loss-plot").get_attribute("data-losses"))
    assert len(plotted) == 2 and close(plotted[1], mlp_loss(again).data)
    # A leaf's chain rule names it as its knob does, not by its number.
    first = page.locator(f'g.node[id="{draw(loss).scene.boxes[names["layers.0.neurons.0.w.0"]]}"]')
    first.click()
    assert page.locator(".ag-chosen-name").text_content() == "layers.0.neurons.0.w.0"
    assert (
        "∂(the output)/∂layers.0.neurons.0.w.0 = "
        in page.locator(".ag-chosen-numbers").text_content()
    )
    assert shown.errors == []
    assert serious_violations(page) == []
    shown.close()


# Each value and grad line of the picture, the width it takes and the width of its cell
# (the box, or the cell between the box's vertical lines that holds it), from the layout.
TEXT_IN_CELLS = """() => Array.from(document.querySelectorAll("g.node.ag-box")).flatMap((g) => {
  const shape = g.querySelector("polygon, path, ellipse");
  const box = shape.getBBox();
  const edges = [box.x, box.x + box.width];
  g.querySelectorAll("polyline").forEach((line) => {
    const xs = line.getAttribute("points").trim().split(/\\s+/).map((p) => parseFloat(p));
    if (xs.length === 2 && xs[0] === xs[1]) edges.push(xs[0]);
  });
  edges.sort((a, b) => a - b);
  return Array.from(g.querySelectorAll("text")).map((t) => {
    const b = t.getBBox(), middle = b.x + b.width / 2;
    const i = edges.findIndex((e, k) => k > 0 && edges[k - 1] <= middle && middle <= e);
    return [t.textContent, b.width, i > 0 ? edges[i] - edges[i - 1] : box.width];
  });
})"""


def test_numbers_that_grow_longer_stay_inside_their_cells(browser, tmp_path):
    """A step turns 0.1 into 0.07429: in a box of cells side by side (`data | grad`) the
    longer number is fitted to its own cell, not to the whole box."""
    model = nn.MLP(2, [3, 1], seed=1)
    loss = mlp_loss(model)
    shown = Opened(browser, draw(loss, module=model).save(tmp_path / "cells.html"))
    page = shown.page
    page.get_by_role("button", name="Step").click()
    lines = page.evaluate(TEXT_IN_CELLS)
    assert len(lines) > 40
    over = [(text, round(width, 1), round(cell, 1)) for text, width, cell in lines if width > cell]
    assert over == []
    shown.close()


def test_a_micrograd_graph_without_labels_has_a_knob_per_leaf_and_none_ticked(browser, tmp_path):
    a, b, c = Value(2.0), Value(-3.0), Value(10.0)
    out = a * b + c
    out.backward()
    shown = Opened(browser, draw(out).save(tmp_path / "micrograd.html"))
    page = shown.page
    knobs = page.evaluate(KNOB_NAMES)
    assert [k[0] for k in knobs] == ["leaf#0", "leaf#1", "leaf#3"]
    assert not any(k[-1] for k in knobs)  # no parameters given: nothing ticked to train
    page.get_by_role("spinbutton", name="leaf#0", exact=True).fill("4")
    root = page.locator(f'g.node[id="{draw(out).scene.boxes[out]}"]')
    assert float(root.get_attribute("data-value")) == 4.0 * -3.0 + 10.0
    page.locator('g.node[id="n0"]').click()
    said = page.locator("#explanation").text_content()
    assert "leaf#0" in said and "2·" not in said  # named, not written as its old number
    shown.close()


def test_past_the_largest_number_of_knobs_the_page_says_which_leaves_have_none(
    browser, tmp_path, monkeypatch
):
    monkeypatch.setattr("autograd_scalar.viz.tape.MAX_KNOBS", 10)
    model = nn.MLP(2, [3, 1], seed=1)
    loss = mlp_loss(model)
    shown = Opened(browser, draw(loss, module=model).save(tmp_path / "capped.html"))
    page = shown.page
    knobs = page.evaluate(KNOB_NAMES)
    assert len(knobs) == 10 and all(train for *_, train in knobs)  # parameters first
    note = page.locator(".ag-knobs .ag-note").text_content()
    assert "at most 10 knobs, parameters first: the other 5 leaves stay as drawn" in note
    shown.close()


def inside(box: dict[str, float] | None, frame: dict[str, float]) -> bool:
    return (
        box is not None
        and box["height"] > 0
        and frame["x"] <= box["x"]
        and box["x"] + box["width"] <= frame["x"] + frame["width"]
        and frame["y"] <= box["y"]
        and box["y"] + box["height"] <= frame["y"] + frame["height"]
    )


def test_a_refusal_shows_in_view_beside_the_knob_or_pinned_at_the_top_of_the_panel(
    browser, tmp_path
):
    from autograd_scalar import documents
    from autograd_scalar.cli.shared import document_drawing

    drawing = document_drawing(documents.run("tap-and-knob"))
    shown = Opened(browser, drawing.save(tmp_path / "tap.html"), 1366, 768)
    page = shown.page
    window = {"x": 0, "y": 0, "width": 1366, "height": 768}
    field = page.get_by_role("spinbutton", name="b3", exact=True)
    field.click()
    field.select_text()
    page.keyboard.type("1e5")  # 1 is taken, 1e5 refused: σ3 is 1, log(1 − σ3) is log(0)
    alert = page.get_by_role("alert")
    assert "log is defined only for inputs > 0" in alert.text_content()
    panel = page.locator(".ag-panel").bounding_box()
    assert inside(alert.bounding_box(), window) and inside(alert.bounding_box(), panel)
    assert field.get_attribute("aria-invalid") == "true"
    field.press("Tab")
    # A refused Step, the panel scrolled to its end: the alert is pinned at its top.
    page.locator(".ag-rate").fill("-1")
    page.evaluate(
        "() => { const p = document.querySelector('.ag-panel'); p.scrollTop = p.scrollHeight; }"
    )
    page.evaluate("() => document.querySelector('.ag-step').click()")
    assert alert.text_content().startswith("the learning rate must be")
    assert inside(alert.bounding_box(), window) and inside(alert.bounding_box(), panel)
    assert shown.errors == []
    shown.close()


def test_the_titles_note_on_a_leafs_summed_grad_says_it_is_pythons_once_a_knob_moves(
    browser, tmp_path
):
    x = Value(2.0, "x")
    y = (x * x).labelled("y")
    y.backward()
    y.backward()  # x.grad = 8, twice the 4 drawn
    shown = Opened(browser, draw(y).save(tmp_path / "twice.html"))
    page = shown.page
    lines = "() => Array.from(document.querySelectorAll('g.graph > text')).map(t => t.textContent)"
    assert "shown: one backward()'s ∂y/∂node; a leaf's .grad adds up over calls (x.grad = 8)" in (
        page.evaluate(lines)
    )
    turn(page, {"x": 3.0})
    assert (
        "shown: one backward()'s ∂y/∂node here; in Python, at the values drawn, x.grad = 8 "
        "(added up over calls)"
    ) in page.evaluate(lines)
    assert not any("(x.grad = 8)" in line for line in page.evaluate(lines))
    reset(page)
    assert any(line.endswith("(x.grad = 8)") for line in page.evaluate(lines))
    shown.close()


def test_a_refusal_under_an_unlabelled_input_names_the_nearest_labelled_node_it_feeds(
    browser, tmp_path
):
    w = Value(2.0, "w")
    h = ((w - 1.0).log() * 2.0).labelled("h")
    out = (h + w).labelled("out")
    out.backward()
    shown = Opened(browser, draw(out).save(tmp_path / "nearest.html"))
    page = shown.page
    turn(page, {"w": 0.5})
    with pytest.raises(DomainError) as refused:
        (Value(0.5, "w") - 1.0).log()
    assert str(refused.value) == "log(-0.5): log is defined only for inputs > 0"
    assert page.get_by_role("alert").text_content() == (
        "log(-0.5) (in node 'h'): log is defined only for inputs > 0"
    )
    shown.close()
