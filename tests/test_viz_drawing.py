"""What a drawing shows: every node's label, data and grad, the same text on every run,
an honest title before backward(), colours and styles, and a summary for huge graphs."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

import pytest
from graphs import all_nodes
from pictures import SVG, svg_texts
from pictures import draw_ops as draw

from autograd_scalar import Value, explain

pytestmark = pytest.mark.usefixtures("no_system_graphviz")


def mlp_loss(seed: int = 1, backward: bool = True) -> Value:
    """A 2-3-1 tanh network with a squared-error loss, built from Values directly."""
    rng = random.Random(seed)
    x = [Value(0.5, "x1"), Value(-1.5, "x2")]
    hidden = []
    for j in range(3):
        total = Value(rng.uniform(-1, 1), f"b1.{j + 1}")
        for i in range(2):
            total = total + Value(rng.uniform(-1, 1), f"w1.{j + 1}.{i + 1}") * x[i]
        hidden.append(total.tanh().labelled(f"h{j + 1}"))
    out = Value(rng.uniform(-1, 1), "b2")
    for j in range(3):
        out = out + Value(rng.uniform(-1, 1), f"w2.{j + 1}") * hidden[j]
    loss = ((out - Value(0.25, "y")) ** 2).labelled("loss")
    if backward:
        loss.backward()
    return loss


def test_mlp_loss_svg_shows_every_label_data_and_grad():
    loss = mlp_loss()
    texts = svg_texts(draw(loss).svg())
    nodes = all_nodes(loss)
    for node in nodes:
        if node.label:
            assert node.label in texts
        assert f"data {node.data:.4g}" in texts
        assert f"grad {node.grad:.4g}" in texts
    ops = [n for n in nodes if n.op is not None]
    drawn = ET.fromstring(draw(loss).svg()).iter(f"{SVG}g")
    assert sum(g.get("class") == "node" for g in drawn) == len(nodes) + len(ops)


def test_op_nodes_show_their_symbols():
    x = Value(0.5, "x")
    y = (x.sigmoid() * x.relu() + x.tanh().exp() + (x**2).log()).labelled("y")
    texts = svg_texts(draw(y).svg())
    for symbol in ("σ", "ReLU", "tanh", "exp", "log", "×", "+", "^2"):
        assert symbol in texts


def test_same_graph_gives_identical_dot_and_svg():
    first, second = draw(mlp_loss()), draw(mlp_loss())  # two separately built graphs
    assert first.source == second.source
    assert first.svg() == second.svg()
    again = mlp_loss()
    assert draw(again).source == draw(again).source


def test_before_backward_the_title_says_so_and_no_grad_is_shown():
    loss = mlp_loss(backward=False)
    drawing = draw(loss)
    texts = svg_texts(drawing.svg())
    assert any("before backward()" in t for t in texts)
    assert not any(t.startswith("grad ") for t in texts)
    loss.backward()
    after = svg_texts(draw(loss).svg())
    assert not any("before backward()" in t for t in after)
    assert any(t.startswith("grad ") for t in after)


def fills(source: str) -> dict[str, str]:
    return dict(re.findall(r'^\s*(n\d+) \[.*fillcolor="(#[0-9a-f]{6})"', source, re.M))


def test_fill_colour_follows_grad_sign_and_size():
    loss = mlp_loss()
    order_ids = {}
    source = draw(loss).source
    for line in source.splitlines():
        found = re.match(r'\s*(n\d+) \[label="\{ (?:(\S+) \| )?data', line)
        if found and found.group(2):
            order_ids[found.group(2)] = found.group(1)
    colours = fills(source)
    by_label = {n.label: n for n in all_nodes(loss) if n.label and n is not loss}
    for label, node in by_label.items():
        node_id = order_ids[label]
        if node.grad == 0.0:
            assert node_id not in colours
            continue
        red, blue = int(colours[node_id][1:3], 16), int(colours[node_id][5:7], 16)
        assert (red > blue) == (node.grad > 0)
    # Within one sign, a larger |grad| never gets a paler colour (a larger channel sum).
    for sign in (1, -1):
        same = sorted(
            (n for n in by_label.values() if n.grad * sign > 0), key=lambda n: abs(n.grad)
        )
        sums = [
            sum(int(colours[order_ids[n.label]][k : k + 2], 16) for k in (1, 3, 5)) for n in same
        ]
        assert sums == sorted(sums, reverse=True)
        assert len(set(sums)) > 1


def test_colours_can_be_turned_off():
    assert "fillcolor" not in draw(mlp_loss(), color_grads=False).source


def test_leaves_parameters_and_root_are_styled_apart():
    x, w = Value(2.0, "x"), Value(-3.0, "w")
    y = (w * x).labelled("y")
    y.backward()
    lines = {
        m[1]: m[0]
        for m in re.findall(r'^\s*(n\d+ \[label="\{ (\w+) .*)$', draw(y, params=[w]).source, re.M)
    }
    assert "shape=Mrecord" in lines["x"] and "penwidth" not in lines["x"]
    assert "shape=Mrecord" in lines["w"] and "penwidth=2.5" in lines["w"]
    assert "shape=record" in lines["y"] and "penwidth=3" in lines["y"]


def test_rankdir_is_passed_and_checked():
    assert "rankdir=TB" in draw(mlp_loss(), rankdir="TB").source
    with pytest.raises(ValueError, match="rankdir"):
        draw(mlp_loss(), rankdir="sideways")


def test_a_graph_over_max_nodes_is_summarised_with_counts_per_op():
    total = Value(0.0, "start")
    for i in range(1250):
        total = total + Value(float(i % 7), f"c{i}") * 0.5
    total.labelled("big")
    nodes = all_nodes(total)
    assert len(nodes) == 1 + 1250 * 3  # start; per step a leaf, × (the 0.5 inside it) and +
    drawing = draw(total)
    texts = svg_texts(drawing.svg())
    assert f"{len(nodes)} nodes, more than max_nodes=400" in texts
    assert "add: 1250" in texts and "mul: 1250" in texts and "leaf: 1251" in texts
    assert "big" in texts
    assert drawing.source.count("->") == 1


def test_draw_refuses_what_is_not_a_value():
    with pytest.raises(TypeError, match="draw"):
        draw(3.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="highlight"):
        draw(mlp_loss(), highlight=[1.0])  # type: ignore[list-item]


def test_grads_left_by_another_backward_are_not_passed_off_as_this_nodes():
    loss = mlp_loss()
    hidden = next(n for n in all_nodes(loss) if n.label == "h1")
    bias = next(n for n in all_nodes(loss) if n.label == "b1.1")
    texts = svg_texts(draw(hidden).svg())
    # The picture draws ∂h1/∂node (for the bias, tanh's slope 1 − h1²), not loss's grads,
    # and its title says whose the .grad fields are.
    assert f"grad {1 - hidden.data**2:.4g}" in texts
    assert f"grad {bias.grad:.4g}" not in texts
    assert any("the .grad fields hold a backward() of another node" in t for t in texts)


def test_after_two_backwards_the_picture_shows_one_calls_gradient_and_says_so():
    loss = mlp_loss()
    loss.backward()  # the leaves' .grad now hold twice ∂loss/∂leaf
    w = next(n for n in all_nodes(loss) if n.label == "w2.1")
    h1 = next(n for n in all_nodes(loss) if n.label == "h1")
    difference = loss.parents[0]  # out − y
    once = 2 * difference.data * h1.data  # ∂loss/∂w2.1 = 2·(out − y)·h1, by hand
    assert w.grad == pytest.approx(2 * once)
    texts = svg_texts(draw(loss).svg())
    assert f"grad {once:.4g}" in texts and f"grad {w.grad:.4g}" not in texts
    assert any("a leaf's .grad adds up over calls" in t for t in texts)
    assert str(explain(loss, w)).endswith(f"{once:.4g}".replace("-", "−"))


def test_max_nodes_must_be_a_positive_whole_number():
    for bad in (0, -5, 2.5, "400"):
        with pytest.raises(ValueError, match="max_nodes"):
            draw(mlp_loss(), max_nodes=bad)  # type: ignore[arg-type]
