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
# # One sigmoid neuron and its mean squared error, checked
#
# *A Gentle Introduction To Math Behind Neural Networks* builds a perceptron, one
# neuron with n inputs and a sigmoid, measures it with the mean squared error over a
# data set, and derives by hand ∂C/∂ŷ, ∂ŷ/∂z, ∂z/∂wᵢ, then ∂C/∂wᵢ and ∂C/∂b, and the
# gradient-descent update.
#
# This notebook builds the neuron on a small data set node by node, checks each of
# those derivatives with the engine, and explains ∂C/∂w1. The local derivatives ∂ŷ/∂z
# and ∂z/∂wᵢ and the update rule are right. ∂C/∂ŷ is not, in either form the document
# gives, and the sign error it carries makes its ∂C/∂wᵢ and ∂C/∂b point uphill. Its
# chain rule, one product, also misses that C reaches w1 through every example.

# %%
from autograd_scalar import PartialTable, Value, check_partial, documents, draw, explain, gradcheck, topological_order

# %% [markdown]
# ## The neuron and the data
#
# The document has no numbers, so we choose a neuron with n = 3 inputs and a data set
# of m = 4 examples (the project's `perceptron` example uses the same ones). The
# document writes n both for the number of inputs and for the number of examples in
# C = (1/n) Σ; here n counts inputs and m examples.
#
# Labels follow the document, with the example as a subscript: `x2_3` is input 2 of
# example 3, and `z_3`, `ŷ_3`, `y_3` belong to example 3.

# %%
w1, w2, w3 = Value(0.2, "w1"), Value(-0.4, "w2"), Value(0.1, "w3")
b = Value(0.05, "b")
DATA = [  # (x1, x2, x3), y
    ((0.5, -1.0, 2.0), 0.8),
    ((1.5, 0.2, -0.7), 0.3),
    ((-0.3, 0.8, 0.1), 0.6),
    ((1.0, 1.0, -1.5), 0.1),
]

# %% [markdown]
# The forward pass follows the document's three steps for each example: the weighted
# sum x·w, plus the bias, gives z; the sigmoid of z is the prediction ŷ. The cost C is
# the mean of the squared errors (y − ŷ)² over the examples.


# %%
def cost(w1: Value, w2: Value, w3: Value, b: Value) -> Value:
    """C = (1/m) Σ_k (y_k − ŷ_k)², built node by node with the document's names."""
    squares = []
    for k, (inputs, target) in enumerate(DATA, 1):
        x1, x2, x3 = (Value(number, f"x{j}_{k}") for j, number in enumerate(inputs, 1))
        y = Value(target, f"y_{k}")
        z = (x1 * w1 + x2 * w2 + x3 * w3 + b).labelled(f"z_{k}")  # steps 1 and 2: z = x·w + b
        ŷ = z.sigmoid().labelled(f"ŷ_{k}")  # step 3: ŷ = σ(z)
        squares.append((y - ŷ) ** 2)  # MSE_k = (y_k − ŷ_k)²
    return (sum(squares[1:], squares[0]) * (1 / len(DATA))).labelled("C")


C = cost(w1, w2, w3, b)
C.backward()
node = {n.label: n for n in topological_order(C) if n.label}
for p in (w1, w2, w3, b):
    print(f"{p.label:>2} = {p.data:5.2f}   ∂C/∂{p.label} = {p.grad:+.6f}")

# %% [markdown]
# ## The picture
#
# The highlighted edges are every path from C back to w1. There are four, one through
# each example's ŷ_k: the weight is shared by all the examples, so C depends on it
# through each of them.

# %%
draw(C, highlight=w1)

# %% [markdown]
# ## ∂C/∂ŷ
#
# The document writes ∂C/∂ŷ = ∂/∂ŷ (1/n) Σ (yᵢ − ŷᵢ)² = 2 × (1/n) Σ (yᵢ − ŷᵢ)² and then
# 2/n × sum(y − ŷ). C depends on each prediction ŷ_k separately, and the chain rule it
# writes next needs one of them, so we read the claim as ∂C/∂ŷ_k, here for k = 1, with
# the sum written out over the four examples. The derivative of (y − ŷ)² with respect
# to ŷ is −2·(y − ŷ): the first form forgot to differentiate the square, and both forms
# lost the minus sign of the inner derivative and kept a sum that belongs to no single ŷ.

# %%
EACH = " + ".join(f"(y_{k} − ŷ_{k})" for k in range(1, 5))
SQUARES = " + ".join(f"(y_{k} − ŷ_{k})²" for k in range(1, 5))
dC_dŷ = PartialTable(
    [
        check_partial(C, "ŷ_1", f"2·1/4·({SQUARES})"),
        check_partial(C, "ŷ_1", f"2/4·({EACH})"),
        check_partial(C, "ŷ_1", "−2/4·(y_1 − ŷ_1)"),
    ]
)
dC_dŷ

# %% [markdown]
# ## ∂ŷ/∂z and ∂z/∂wᵢ
#
# The document's long derivation of the sigmoid's slope ends at σ(z)·(1 − σ(z)), and
# ∂z/∂wᵢ = xᵢ. Both are right; the engine checks them for example 1 and input 1 at
# many points.

# %%
local = PartialTable(
    [
        check_partial(node["ŷ_1"], "z_1", "σ(z_1)·(1 − σ(z_1))"),
        check_partial(node["z_1"], "w1", "x1_1"),
    ]
)
local

# %% [markdown]
# ## ∂C/∂wᵢ and ∂C/∂b
#
# The document multiplies its three factors: ∂C/∂wᵢ = 2/n × sum(y − ŷ) × σ(z) × (1 − σ(z))
# × xᵢ, and the same without xᵢ for the bias. Each factor after the sum belongs to one
# example, so we read the sum as running over the whole product (the kindest reading).
# It is still the right derivative with its sign turned over.

# %%
SLOPE = " + ".join(f"(y_{k} − ŷ_{k})·σ(z_{k})·(1 − σ(z_{k}))" for k in range(1, 5))
WEIGHTED = " + ".join(f"(y_{k} − ŷ_{k})·σ(z_{k})·(1 − σ(z_{k}))·x1_{k}" for k in range(1, 5))
dC_dw = PartialTable(
    [
        check_partial(C, "w1", f"2/4·({WEIGHTED})"),
        check_partial(C, "w1", f"−2/4·({WEIGHTED})"),
        check_partial(C, "b", f"2/4·({SLOPE})"),
        check_partial(C, "b", f"−2/4·({SLOPE})"),
    ]
)
dC_dw

# %% [markdown]
# ## Explaining ∂C/∂w1
#
# The chain rule ∂C/∂wᵢ = ∂C/∂ŷ × ∂ŷ/∂z × ∂z/∂wᵢ is one product, one path. With m
# examples there are m paths, one per example, and ∂C/∂w1 is the sum of their products.

# %%
why = explain(C, w1)
print(why)

# %% [markdown]
# ## The update rule, and a check that trusts no formula
#
# The document's update wᵢ ← wᵢ − α·∂C/∂wᵢ, b ← b − α·∂C/∂b is right: with the engine's
# gradients, a small step lowers the cost. And central differences (nudging each
# parameter by a tiny ε) agree with every gradient.

# %%
α = 0.1
stepped = cost(*(Value(p.data - α * p.grad, p.label) for p in (w1, w2, w3, b)))
print(f"C = {C.data:.6f} → {stepped.data:.6f} after one step with α = {α}")
nudged = gradcheck(cost, [Value(p.data, p.label) for p in (w1, w2, w3, b)])
print(nudged)

# %% [markdown]
# ## Every claim of the document
#
# The project's `perceptron` example goes through the document line by line and lists
# every claim with its line, its section and how it is read. The document uses n twice:
# the number of inputs (line 21) and the number of examples the cost averages over
# (line 57). With 3 inputs and 4 examples both cannot hold, and the text cannot tell
# which is the slip: both claims are `inconsistent`.

# %%
result = documents.run("perceptron")
print(documents.text(result))

# %% [markdown]
# ## What this notebook asserts

# %%
# Both of the document's forms of ∂C/∂ŷ are wrong; −2/m·(y_k − ŷ_k) is right.
assert [v.ok for v in dC_dŷ.verdicts] == [False, False, True]
# The sigmoid's slope and ∂z/∂w are right.
assert local.ok
# ∂C/∂w1 and ∂C/∂b as the document writes them are wrong; with a minus sign, right.
assert [v.ok for v in dC_dw.verdicts] == [False, True, False, True]
assert abs(dC_dw.verdicts[0].claimed + w1.grad) < 1e-12
# Four paths, one per example, and their sum is ∂C/∂w1.
assert why.path_count == len(DATA) and abs(why.total - w1.grad) < 1e-12
# Descent lowers the cost; backward agrees with central differences.
assert stepped.data < C.data
assert nudged.ok
# The document module finds the same.
wrong = {v.statement.says for v in result.wrong}
assert "∂C/∂ŷ = 2/n × sum(y − ŷ)" in wrong
assert "∂C/∂w_i = 2/n × sum(y − ŷ) × σ(z) × (1 − σ(z)) × x_i" in wrong
assert "∂C/∂b = 2/n × sum(y − ŷ) × σ(z) × (1 − σ(z))" in wrong
assert "∂C/∂w_i = ∂C/∂ŷ × ∂ŷ/∂z × ∂z/∂w_i" in wrong  # one path where there are m
assert "∂ŷ/∂z = σ(z) × (1 − σ(z))" not in wrong
# The two ns cannot both hold.
assert {v.statement.line for v in result.inconsistent} == {21, 57}
for label, (value, slope) in result.parameters.items():
    assert value == node[label].data and abs(slope - node[label].grad) < 1e-12
