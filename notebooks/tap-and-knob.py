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
# # The tap and the knob: a 2-2-1 sigmoid network, checked
#
# *Math of Deep Learning Neural Networks – Simplified (Part 2)* explains backpropagation
# with plumbing: the weights are knobs, and the loss is how far the water from the tap
# is from what you wanted. It works out two partial derivatives by hand, ∂ℓ/∂W5 for the
# knob on the tap and ∂ℓ/∂W1 for a knob further up the pipe.
#
# This notebook rebuilds its network node by node with the document's own names,
# draws it, checks every derivative the document writes down, and explains ∂ℓ/∂W1 with
# the chain rule. Both of the document's formulas for ∂ℓ/∂W1 turn out to be wrong, and
# so are its update rule and one typed equation; the engine finds that by computing,
# and says what is right.

# %%
from autograd_scalar import PartialTable, Value, check_partial, documents, draw, explain, gradcheck

# %% [markdown]
# ## The network, equation by equation
#
# Two inputs X1, X2 feed two hidden neurons; each computes a weighted sum Z and squashes
# it with a sigmoid σ. The output neuron does the same with σ1 and σ2. The weights are
# numbered neuron by neuron, as the document does: W1 and W2 feed the first hidden
# neuron. The document gives no numbers, so we choose some (they are the ones the
# project's `tap-and-knob` example uses); the checks below also try many other points.

# %%
X1, X2 = Value(0.6, "X1"), Value(-0.4, "X2")
y = Value(1.0, "y")  # the label: this example belongs to class 1
W1, W2, W3 = Value(0.15, "W1"), Value(-0.25, "W2"), Value(0.35, "W3")
W4, W5, W6 = Value(0.45, "W4"), Value(-0.55, "W5"), Value(0.65, "W6")
b1, b2, b3 = Value(0.1, "b1"), Value(-0.2, "b2"), Value(0.05, "b3")

# %% [markdown]
# Each line below is one of the document's equations; `.labelled("Z1")` gives the node the
# name the document uses, so it shows in the picture and in formulas.

# %%
Z1 = (W1 * X1 + W2 * X2 + b1).labelled("Z1")
σ1 = Z1.sigmoid().labelled("σ1")
Z2 = (W3 * X1 + W4 * X2 + b2).labelled("Z2")
σ2 = Z2.sigmoid().labelled("σ2")
Z3 = (W5 * σ1 + W6 * σ2 + b3).labelled("Z3")
σ3 = Z3.sigmoid().labelled("σ3")
σ3

# %% [markdown]
# The loss is binary cross-entropy, ℓ = −(1 − y)·ln(1 − σ3) − y·ln(σ3): small when σ3 is
# close to the label y. One call to `backward()` fills in ∂ℓ/∂node for every node.

# %%
ℓ = (-(1 - y) * (1 - σ3).log() - y * σ3.log()).labelled("ℓ")  # noqa: E741 (the document's ℓ)
ℓ.backward()
for p in (W1, W2, W3, W4, W5, W6, b1, b2, b3):
    print(f"{p.label:>3} = {p.data:6.2f}   ∂ℓ/∂{p.label} = {p.grad:+.6f}")

# %% [markdown]
# ## The picture
#
# Every node shows its name, its value and its gradient ∂ℓ/∂node (red above 0, blue
# below). The highlighted edges are the paths from ℓ back to W1, the knob furthest
# from the tap: there is exactly one, through σ1, and the chain rule multiplies the
# local derivatives along it.

# %%
draw(ℓ, highlight=W1)

# %% [markdown]
# ## The document's claims about ∂ℓ/∂W5 and ∂ℓ/∂W1
#
# `check_partial(ℓ, "W1", formula)` reads a formula in the document's typography (`·`,
# `−`, `σ1`), evaluates it, and compares it with the engine's ∂ℓ/∂W1, at this point and
# at 50 other points where the leaves are moved, so a formula that is right here by
# chance is still caught.
#
# - From the tap: ∂ℓ/∂W5 = (σ3 − y)·σ1.
# - "Add more knobs": Factor 3 is (σ1 − 1)·σ1, so ∂ℓ/∂W1 = (σ3 − y)·W5·(σ1 − 1)·σ1·X1.
# - The chain rule at the end: the product of its five factors, which it writes as
#   σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1.
# - And a candidate of our own: (σ3 − y)·W5·σ1·(1 − σ1)·X1.

# %%
W5_TAP = "(σ3 − y)·σ1"
W1_KNOBS = "(σ3 − y)·W5·(σ1 − 1)·σ1·X1"
W1_CHAIN = "σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1"
W1_RIGHT = "(σ3 − y)·W5·σ1·(1 − σ1)·X1"
table = PartialTable(
    [
        check_partial(ℓ, "W5", W5_TAP),
        check_partial(ℓ, "W1", W1_KNOBS),
        check_partial(ℓ, "W1", W1_CHAIN),
        check_partial(ℓ, "W1", W1_RIGHT),
    ]
)
table

# %% [markdown]
# The "knobs" formula has the right size but the wrong sign: σ1 is between 0 and 1, so
# (σ1 − 1)·σ1 is negative while the sigmoid's slope σ1·(1 − σ1) is positive. Turning W1
# the way it says would raise the loss.
#
# The chain-rule formula goes wrong in another way. Its five factors are each right,
# as the explanation below shows, but multiplying them out it kept ∂σ3/∂Z3 = σ3·(1 − σ3)
# and dropped ∂ℓ/∂σ3 = (σ3 − y)/(σ3·(1 − σ3)). Their product is σ3 − y, which is how
# the same document got ∂ℓ/∂W5 right.

# %% [markdown]
# ## Explaining ∂ℓ/∂W1
#
# `explain` writes the chain rule out, as a person does by hand: the factors in the
# document's names, each factor's formula (from the op table) and its number, and
# their product, which is the gradient that `backward()` found.

# %%
why = explain(ℓ, W1)
print(why)

# %% [markdown]
# And one check that trusts no formula at all: nudge each parameter up and down by a
# tiny ε, and compare the change of ℓ with the gradient (central differences).


# %%
def loss(w1, w2, w3, w4, w5, w6, c1, c2, c3):
    """ℓ as a function of the nine parameters, for the finite-difference check."""
    s1 = (w1 * X1.data + w2 * X2.data + c1).sigmoid()
    s2 = (w3 * X1.data + w4 * X2.data + c2).sigmoid()
    s3 = (w5 * s1 + w6 * s2 + c3).sigmoid()
    return -(1 - y.data) * (1 - s3).log() - y.data * s3.log()


parameters = (W1, W2, W3, W4, W5, W6, b1, b2, b3)
nudged = gradcheck(loss, [Value(p.data, p.label) for p in parameters])
print(nudged)

# %% [markdown]
# ## Every claim of the document
#
# The project's `tap-and-knob` example goes through the document line by line: its
# counts, definitions, each factor of its chain rules, its results, what its analogy
# says a derivative measures, and its update rule. Each claim keeps the document's words,
# its line and section, and how it is read. The update rule W ← W + α·∂ℓ/∂W is run as
# written (the loss climbs) and with a minus sign (it falls). The equation
# Z3 = W5·σ1 + W6·σ1 + b3 (line 152) is judged together with the three statements that
# need σ2 to feed W6 (lines 67, 77 and 166): on the network it writes, those three fail,
# so the text itself says line 152 is the slip. The values here were chosen: the
# document gives none, and the report says so at the top.

# %%
result = documents.run("tap-and-knob")
print(documents.text(result))

# %% [markdown]
# ## What this notebook asserts

# %%
# ∂ℓ/∂W5 from the tap is right; both of the document's ∂ℓ/∂W1 formulas are wrong.
assert table.verdicts[0].ok
assert not table.verdicts[1].ok and not table.verdicts[2].ok
# (σ3 − y)·W5·σ1·(1 − σ1)·X1 is right at every point checked.
assert table.verdicts[3].ok and table.verdicts[3].points_checked > 1
# The "knobs" formula is exactly the right one with its sign turned over.
assert abs(table.verdicts[1].claimed + W1.grad) < 1e-12
# The explanation has one path, and its product is the gradient backward() found.
assert why.path_count == 1 and abs(why.total - W1.grad) < 1e-12
# Backward agrees with central differences for every parameter.
assert nudged.ok
# The document module finds the same: the same two W1 formulas and the update rule are wrong.
wrong = {v.statement.says for v in result.wrong}
assert "∂ℓf/∂W1 = (σ3 − y)·W5·(σ1 − 1)·σ1·X1" in wrong
assert "∂ℓf/∂W1 = σ3·(1 − σ3)·W5·σ1·(1 − σ1)·X1" in wrong
assert "W_i ← W_i + α·∂ℓf/∂W_i" in wrong
assert all(v.correct.startswith(W1_RIGHT) for v in result.wrong if "∂ℓf/∂W1 =" in v.statement.says)
# Line 152's Z3 is the slip: the claims that need σ2 to feed W6 are right.
by_line = {(v.statement.line, v.statement.says): v.verdict for v in result.verdicts}
assert by_line[(152, "Z3 = W5·σ1 + W6·σ1 + b3")] == "wrong"
assert by_line[(166, "∂Z3/∂σ1 = W5")] == "right"
# The network built here is the module's network: same parameters, same gradients.
for label, (value, slope) in result.parameters.items():
    node = {p.label: p for p in parameters}[label]
    assert node.data == value and abs(node.grad - slope) < 1e-12
