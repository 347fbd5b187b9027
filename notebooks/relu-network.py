# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A 2-3-3-1 ReLU network worked by hand, checked number by number
#
# *Deep Learning - The Mathematics Behind Neural Network - Part 2* takes a network with
# two inputs, two hidden layers of three ReLU nodes and one sigmoid output, gives every
# weight and bias a value, and computes by hand: the forward pass, the error, the
# gradients of the last layer's weights and the updated weights after one step.
#
# This notebook rebuilds the network node by node with the document's names, compares
# every number it prints with the engine's, and explains ∂E/∂w1, the weight furthest
# from the output. Most numbers agree. The gradients printed for w17 and w18 do not,
# although the updated weights printed next to them do, and the chain rule written
# for w1 has one path where the network has three.

# %%
from decimal import Decimal

from autograd_scalar import Value, check_partials, documents, draw, explain

# %% [markdown]
# ## The inputs, weights and biases the document gives
#
# The weights are numbered input by input: w1, w2, w3 leave x1 for the nodes n3, n4,
# n5, and w4, w5, w6 leave x2. The page's text lost the minus signs of b2, b4 and b7;
# its LaTeX has them, and the numbers it prints need them. The target output is
# y = 0.01 and the learning rate η = 0.01.

# %%
x1, x2 = Value(0.23, "x1"), Value(0.55, "x2")
y = Value(0.01, "y")
w1, w2, w3, w4, w5, w6, w7, w8, w9 = (
    Value(number, f"w{i}")
    for i, number in enumerate((0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9), 1)
)
w10, w11, w12, w13, w14, w15, w16, w17, w18 = (
    Value(number, f"w{i}")
    for i, number in enumerate((0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9), 10)
)
b1, b2, b3, b4, b5, b6, b7 = (
    Value(number, f"b{i}") for i, number in enumerate((0.1, -0.4, 0.3, -0.5, 0.5, 0.6, -0.7), 1)
)
η = 0.01

# %% [markdown]
# ## The forward pass, node by node
#
# Each node adds up its weighted inputs and its bias (net) and applies its activation
# (out): ReLU, max(0, net), in the hidden layers.

# %%
net_n3 = (w1 * x1 + w4 * x2 + b1).labelled("net_n3")
out_n3 = net_n3.relu().labelled("out_n3")
net_n4 = (w2 * x1 + w5 * x2 + b2).labelled("net_n4")
out_n4 = net_n4.relu().labelled("out_n4")
net_n5 = (w3 * x1 + w6 * x2 + b3).labelled("net_n5")
out_n5 = net_n5.relu().labelled("out_n5")

# %%
net_n6 = (w7 * out_n3 + w10 * out_n4 + w13 * out_n5 + b4).labelled("net_n6")
out_n6 = net_n6.relu().labelled("out_n6")
net_n7 = (w8 * out_n3 + w11 * out_n4 + w14 * out_n5 + b5).labelled("net_n7")
out_n7 = net_n7.relu().labelled("out_n7")
net_n8 = (w9 * out_n3 + w12 * out_n4 + w15 * out_n5 + b6).labelled("net_n8")
out_n8 = net_n8.relu().labelled("out_n8")

# %% [markdown]
# The output node uses a sigmoid, and its output ŷ = out_n9 is the prediction. The
# error is E = ½(y − ŷ)².

# %%
net_n9 = (w16 * out_n6 + w17 * out_n7 + w18 * out_n8 + b7).labelled("net_n9")
out_n9 = net_n9.sigmoid().labelled("out_n9")
E = (0.5 * (y - out_n9) ** 2).labelled("E")
E.backward()

# %% [markdown]
# ## The forward values against the document's
#
# A printed number is right when the engine's value, rounded to the decimals the
# document shows, gives that number.


# %%
def printed_as(value: float, text: str) -> bool:
    """Is `value`, rounded to the decimals of `text`, the number `text` shows?"""
    decimals = -Decimal(text).as_tuple().exponent
    return abs(value - float(text)) <= 0.5 * 10.0**-decimals * (1 + 1e-9)


document_says = {
    net_n3: "0.343",
    out_n3: "0.343",
    net_n4: "-0.079",
    out_n4: "0",
    out_n5: "0.699",
    net_n6: "0.0197",
    out_n6: "0.0197",
    out_n7: "1.1239",
    out_n8: "1.3281",
    net_n9: "1.4082",
    out_n9: "0.8035",
    E: "0.315",
}
forward = {node.label: printed_as(node.data, text) for node, text in document_says.items()}
for node, text in document_says.items():
    mark = "✓" if forward[node.label] else "✗"
    print(f"{mark} {node.label:>7}: document {text:>7}   engine {node.data:.6f}")

# %% [markdown]
# ## The picture
#
# The whole network with every value and every gradient ∂E/∂node. The paths from E back
# to w1 are highlighted: w1 feeds n3, and n3 feeds all three nodes of the second hidden
# layer, so there are three of them. Node n4 has a negative net input, so its ReLU
# outputs 0 and passes back a gradient of 0: w2, w5 and b2 do not move in this step.

# %%
draw(E, highlight=w1)

# %% [markdown]
# ## The gradients and the updates
#
# The document prints ∂E/∂w16 = 0.0025 and ∂E/∂b7 = 0.1253, then for w17 and w18 only
# the gradients inside their updates: w17 = 0.8 − 0.01·0.0850 and w18 = 0.9 − 0.01·0.1003.
# Further on, ∂E/∂w7 = 0.03008. A claim given as text keeps the precision it is printed
# with: "0.0850" is right if the gradient rounds to 0.0850.

# %%
gradients = check_partials(
    E, {w16: "0.0025", w17: "0.0850", w18: "0.1003", b7: "0.1253", w7: "0.03008"}
)
gradients

# %% [markdown]
# The gradients for w17 and w18 are wrong, but look at the updated weights the document
# prints next to them: they are the old weight minus η times the *right* gradient. So the
# equations as printed are false: 0.8 − 0.01·0.0850 is 0.79915, not 0.798592, and
# 0.9 − 0.01·0.1003 is 0.898997, not 0.898336. The new weights are right; the printed
# arithmetic that leads to them is not. The update of w7 goes wrong differently:
# 0.7 − 0.01·0.03008 is 0.6996992, which the document cuts to 0.699 instead of rounding
# it to 0.700.

# %%
updates = {w16: "0.699975", w17: "0.798592", w18: "0.898336", b7: "-0.701253", w7: "0.699"}
printed_gradient = {w16: "0.0025", w17: "0.0850", w18: "0.1003", b7: "0.1253", w7: "0.03008"}
updated, as_printed = {}, {}
for p, text in updates.items():
    after = p.data - η * p.grad
    written = p.data - η * float(printed_gradient[p])  # the arithmetic as the page prints it
    updated[p.label] = printed_as(after, text)
    as_printed[p.label] = printed_as(written, text)
    mark = "✓" if updated[p.label] else "✗"
    print(f"{mark} {p.label:>3}: {p.data} − {η}·{p.grad:.6f} = {after:.7f}   document {text}")
    print(f"      as printed: {p.data} − {η}·{printed_gradient[p]} = {written:.7f}")

# %% [markdown]
# ## Explaining ∂E/∂w1
#
# The document writes ∂E/∂w1 as one product of seven factors, through out_n6 only. The
# chain rule sums over every path from E to w1: one through each of n6, n7 and n8.

# %%
why = explain(E, w1)
print(why)

# %% [markdown]
# ## Every claim of the document
#
# The project's `relu-network` example goes through the document line by line: every
# printed number, every printed sum (checked as written), every formula, the names it
# gives (it calls ŷ the target, then computes ŷ = out_n9), and what training does. Each
# claim has its line and section.

# %%
result = documents.run("relu-network")
print(documents.text(result))

# %% [markdown]
# ## What this notebook asserts

# %%
# Every forward value, and E, agrees with the document to its printed precision.
assert all(forward.values()), forward
assert out_n4.data == 0.0  # max(0, −0.079)
by_label = {v.wrt_label: v for v in gradients.verdicts}
# ∂E/∂w16, ∂E/∂b7 and ∂E/∂w7 are right; the printed 0.0850 and 0.1003 are not.
assert by_label["w16"].ok and by_label["b7"].ok and by_label["w7"].ok
assert not by_label["w17"].ok and not by_label["w18"].ok
# The right ones, from the document's own formula (out_n9 − y)·out_n9·(1 − out_n9)·out_nk
# in plain floats, agree with backward().
slope = (out_n9.data - y.data) * out_n9.data * (1 - out_n9.data)
assert abs(w17.grad - slope * out_n7.data) < 1e-12
assert abs(w18.grad - slope * out_n8.data) < 1e-12
# They are the gradients the document's updated weights were computed with.
assert f"{w17.grad:.4f}" == f"{(0.8 - 0.798592) / η:.4f}"
assert f"{w18.grad:.4f}" == f"{(0.9 - 0.898336) / η:.4f}"
# The updates of w16, w17, w18 and b7 agree to the printed precision; w7's does not.
assert updated == {"w16": True, "w17": True, "w18": True, "b7": True, "w7": False}
# As printed, the arithmetic of w17, w18 (and w7) is false; that of w16 and b7 holds.
assert as_printed == {"w16": True, "w17": False, "w18": False, "b7": True, "w7": False}
# ∂E/∂w1 is a sum over three paths, and the sum is the gradient backward() found.
assert why.path_count == 3 and abs(sum(why.path_products) - w1.grad) < 1e-12
# The dead node n4 passes no gradient back.
assert w2.grad == w5.grad == b2.grad == 0.0
# The document module finds the same wrong claims, with the right gradients.
# Line 118 is one statement of three parts: the gradient 0.0850 (wrong), the new w17
# (right: the right gradient gives it) and the arithmetic as printed (wrong).
wrong = {v.statement.line: v for v in result.wrong}
gradient, new_w17, as_written = wrong[118].parts
assert (gradient.verdict, new_w17.verdict, as_written.verdict) == ("wrong", "right", "wrong")
assert gradient.correct == f"{w17.grad:.4f}"
assert wrong[120].parts[0].correct == f"{w18.grad:.4f}"
value, slope_w1 = result.parameters["w1"]
assert value == w1.data and abs(slope_w1 - w1.grad) < 1e-12
