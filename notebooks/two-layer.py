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
# # The two-layer network of the course, element by element
#
# *The math of neural networks* follows the deeplearning.ai course: a two-layer network
# with a tanh hidden layer and a sigmoid output, trained on m examples with the
# cross-entropy cost, then an L-layer network with ReLU hidden layers. Its backward pass
# is written with matrices: dZ, dW, db and dA for each layer, averaged over the
# examples. (The page's equations were images and did not survive; the course's are the
# ones it quotes.)
#
# A matrix formula is many scalar claims at once. This notebook builds the network one
# scalar at a time, with the course's names, and checks every element of dZ, dW and db
# against the engine. The formulas hold; what does not hold is the document's own
# description of the hidden layer (three nodes, or A ∈ (4, 1)?), half of its sentence
# about zero initialisation (which half depends on how it is read), and the claim that
# ReLU's derivative is a constant.

# %%
import math

from autograd_scalar import Value, documents, draw, explain, grad, topological_order

# %% [markdown]
# ## The data and the parameters
#
# Two inputs, m = 4 examples (chosen here, as the document has none), labels Y. The
# hidden layer has the three units the text describes. Names count from 1, as the
# course does: `X[2](3)` is input 2 of example 3, `W1[j,k]` is row j, column k of W[1],
# and `A1[j](i)` is unit j of the hidden layer for example i.

# %%
X = [(1.0, -0.5), (0.3, 0.8), (-1.2, 0.4), (0.6, -1.0)]  # one (x1, x2) per example
Y = [1.0, 0.0, 1.0, 0.0]
W1 = [[0.5, -0.3], [-0.4, 0.6], [0.2, 0.7]]
b1 = [0.1, -0.1, 0.05]
W2 = [[0.8, -0.6, 0.4]]
b2 = [0.2]
m, n_h = len(X), len(W1)

values = {}
for i, ((x1, x2), y) in enumerate(zip(X, Y, strict=True), 1):
    values.update({f"X[1]({i})": x1, f"X[2]({i})": x2, f"Y({i})": y})
for name, matrix, bias in (("1", W1, b1), ("2", W2, b2)):
    values.update(
        {f"W{name}[{j},{k}]": w for j, row in enumerate(matrix, 1) for k, w in enumerate(row, 1)}
    )
    values.update({f"b{name}[{j}]": v for j, v in enumerate(bias, 1)})
PARAMETERS = [label for label in values if label[0] in "Wb"]

# %% [markdown]
# ## The forward pass, one scalar at a time
#
# For each example i: Z[1] = W[1]·X + b[1] and A[1] = tanh(Z[1]) in the hidden layer,
# Z[2] = W[2]·A[1] + b[2] and A[2] = σ(Z[2]) at the output; the loss of the example is
# L = −(y·log A[2] + (1 − y)·log(1 − A[2])), and the cost J is their mean.


# %%
def two_layer(values: dict[str, float]) -> dict[str, Value]:
    """Every labelled node of the network over the m examples, by label; J is the cost."""
    leaf = {label: Value(number, label) for label, number in values.items()}
    losses = []
    for i in range(1, m + 1):
        x = [leaf[f"X[1]({i})"], leaf[f"X[2]({i})"]]
        hidden = []
        for j in range(1, n_h + 1):
            z = (leaf[f"W1[{j},1]"] * x[0] + leaf[f"W1[{j},2]"] * x[1] + leaf[f"b1[{j}]"]).labelled(
                f"Z1[{j}]({i})"
            )
            hidden.append(z.tanh().labelled(f"A1[{j}]({i})"))
        z = leaf["b2[1]"]
        for j, a in enumerate(hidden, 1):
            z = leaf[f"W2[1,{j}]"] * a + z
        a = z.labelled(f"Z2[1]({i})").sigmoid().labelled(f"A2[1]({i})")
        y = leaf[f"Y({i})"]
        losses.append((-(y * a.log() + (1 - y) * (1 - a).log())).labelled(f"L({i})"))
    J = (sum(losses[1:], losses[0]) * (1 / m)).labelled("J")
    return {node.label: node for node in topological_order(J) if node.label}


node = two_layer(values)
J = node["J"]
J.backward()
print(f"J = {J.data:.6f}")

# %% [markdown]
# ## The picture
#
# The whole cost over the four examples, with the paths from J back to W1[1,1], the
# weight from input 1 into hidden unit 1, highlighted: one path per example.

# %%
draw(J, highlight=node["W1[1,1]"], rankdir="LR")

# %% [markdown]
# ## The course's backward pass, in plain numbers
#
# The course writes, with ∗ the element-wise product and g′ the hidden activation's
# slope (tanh′ = 1 − A²):
#
# - dZ[2] = A[2] − Y
# - dW[2] = (1/m)·dZ[2]·A[1]ᵀ,  db[2] = (1/m)·Σᵢ dZ[2]
# - dZ[1] = W[2]ᵀ·dZ[2] ∗ (1 − A[1]²)
# - dW[1] = (1/m)·dZ[1]·Xᵀ,  db[1] = (1/m)·Σᵢ dZ[1]
#
# Below they are computed from the forward values alone, with plain floats and no
# engine. dZ is meant per example (the derivative of that example's loss L(i), without
# the 1/m); the 1/m of the cost is in dW and db, so those are ∂J/∂W and ∂J/∂b.

# %%
A1 = [[node[f"A1[{j}]({i})"].data for i in range(1, m + 1)] for j in range(1, n_h + 1)]
A2 = [node[f"A2[1]({i})"].data for i in range(1, m + 1)]

dZ2 = [A2[i] - Y[i] for i in range(m)]
dW2 = [sum(dZ2[i] * A1[j][i] for i in range(m)) / m for j in range(n_h)]
db2 = sum(dZ2) / m
dZ1 = [[W2[0][j] * dZ2[i] * (1 - A1[j][i] ** 2) for i in range(m)] for j in range(n_h)]
dW1 = [[sum(dZ1[j][i] * X[i][k] for i in range(m)) / m for k in range(2)] for j in range(n_h)]
db1 = [sum(dZ1[j]) / m for j in range(n_h)]

# %% [markdown]
# ## Element by element against the engine
#
# Each element is compared with the engine's partial derivative: dW and db with
# ∂J/∂W and ∂J/∂b from `backward()`, and each dZ with ∂L(i)/∂Z of its own example, from
# `grad(L(i), Z)`.

# %%
course = {}
for j in range(1, n_h + 1):
    course[("J", f"W2[1,{j}]")] = dW2[j - 1]
    course[("J", f"b1[{j}]")] = db1[j - 1]
    for k in (1, 2):
        course[("J", f"W1[{j},{k}]")] = dW1[j - 1][k - 1]
    for i in range(1, m + 1):
        course[(f"L({i})", f"Z1[{j}]({i})")] = dZ1[j - 1][i - 1]
course[("J", "b2[1]")] = db2
for i in range(1, m + 1):
    course[(f"L({i})", f"Z2[1]({i})")] = dZ2[i - 1]

gaps = {}
for (of, wrt), number in sorted(course.items()):
    engine = node[wrt].grad if of == "J" else grad(node[of], node[wrt])
    gaps[(of, wrt)] = abs(number - engine)
    mark = "✓" if gaps[(of, wrt)] < 1e-12 else "✗"
    print(f"{mark} ∂{of}/∂{wrt:<10} course {number:+.9f}   engine {engine:+.9f}")

# %% [markdown]
# ## Explaining ∂J/∂W1[1,1]
#
# W1[1,1] is the parameter furthest from the output. The chain rule has one path per
# example, each through that example's hidden unit 1; the 1/m of the mean shows up as
# the factor ∂J/∂L(i) = 0.25.

# %%
why = explain(J, node["W1[1,1]"])
print(why)

# %% [markdown]
# ## Starting from zero, read two ways
#
# The document warns: "if W[1] is a vector of zeros, then the forward and backward
# propagation will effectively update parameters during each iteration, making the
# model ineffective". Read literally, only W[1] is zero and every other parameter keeps
# the value it was initialised with. The course the page follows means something else: a
# start where every weight and bias is zero. We can simply try both.


# %%
def descend(point: dict[str, float], steps: int, α: float = 0.5) -> list[tuple[float, bool, bool]]:
    """Gradient descent from `point`: per step, J, whether every parameter moves, and
    whether the hidden units are identical in every example."""
    history = []
    for _ in range(steps):
        net = two_layer(point)
        slopes = dict(zip(PARAMETERS, grad(net["J"], [net[p] for p in PARAMETERS]), strict=True))
        units = [[net[f"A1[{j}]({i})"].data for j in range(1, n_h + 1)] for i in range(1, m + 1)]
        every = all(slopes[p] != 0.0 for p in PARAMETERS)
        history.append((net["J"].data, every, all(len(set(row)) == 1 for row in units)))
        point = {label: point[label] - α * slopes.get(label, 0.0) for label in point}
    return history


literal = descend({k: (0.0 if k.startswith("W1[") else v) for k, v in values.items()}, 200)
print(
    f"W[1] = 0 only: J {literal[0][0]:.4f} → {literal[-1][0]:.4f} in 200 steps; "
    f"every parameter moves at every step: {all(every for _, every, _ in literal)}"
)
course_start = descend({k: (0.0 if k in PARAMETERS else v) for k, v in values.items()}, 5)
print(
    f"all zero:      J {course_start[0][0]:.4f} → {course_start[-1][0]:.4f}; "
    f"any parameter moves: {any(every for _, every, _ in course_start)}"
)

# %% [markdown]
# Literally, the sentence's first half is right (every parameter moves at every step) and
# its second is wrong: the model learns, its cost falls well below ln 2 ≈ 0.693, the
# cost of predicting 0.5 for everyone, the best a model that ignores its input can do.
# Read as the course means it, the halves swap. With tanh, an all-zero start gives
# A[1] = tanh(0) = 0, so dW[2] = dZ[2]·A[1]ᵀ = 0, and dZ[1] = W[2]ᵀ·dZ[2] ∗ … = 0
# because W[2] = 0: no weight ever moves. Only b[2] could learn, and here even it cannot:
# every prediction is σ(0) = 0.5, so db[2] = (1/m)·Σ (0.5 − y) is 0 when half the labels
# are 1. The network is stuck at J = ln 2. On no reading do both halves hold, so the
# project judges the sentence as one claim, `inconsistent`, and says on which reading
# each half holds.

# %% [markdown]
# ## Every claim of the document
#
# The project's `two-layer` example goes through the page line by line. Its words are
# checked on the course's networks: the shapes and counts it gives, what it says ReLU
# is, the zero start (one sentence whose two parts never hold together: with W[1] = 0
# alone the model updates and learns, with every parameter 0 it does neither), and what
# one step of gradient descent does. The hidden layer has "three nodes" (line 26) and
# "A ∈ (4, 1)" (line 34): the two cannot both hold and the text cannot tell which is the
# slip, so both are `inconsistent`. The course's formulas for dZ, dW, db and dA, which
# the page's text does not contain, are checked apart and not counted as its claims.

# %%
result = documents.run("two-layer")
print(documents.text(result))

# %% [markdown]
# ## What this notebook asserts

# %%
# Every element of the course's dZ, dW, db agrees with the engine.
assert len(gaps) == n_h + n_h + n_h * 2 + n_h * m + 1 + m  # dW2, db1, dW1, dZ1, db2, dZ2
assert max(gaps.values()) < 1e-12
# The 1/m belongs to dW and db, not to dZ: ∂J/∂Z2(1) is dZ2(1)/m.
assert abs(node["Z2[1](1)"].grad - dZ2[0] / m) < 1e-12
# One path per example to W1[1,1], summing to the gradient.
assert why.path_count == m and abs(why.total - node["W1[1,1]"].grad) < 1e-12
# W[1] = 0 alone: every parameter moves at every step, and J falls below ln 2.
assert all(every for _, every, _ in literal) and literal[-1][0] < math.log(2) - 0.1
# All zero: nothing moves, the hidden units stay identical, and with half the labels 1
# the cost stays at ln 2 (every prediction is 0.5).
assert not any(every for _, every, _ in course_start)
assert all(identical for _, _, identical in course_start)
assert sum(Y) == m / 2 and all(math.isclose(cost, math.log(2)) for cost, _, _ in course_start)
# The zero-start sentence is one claim, and its two parts never hold together: read
# literally, "update" holds and "ineffective" does not; as the course means it, the
# reverse. So the sentence is inconsistent.
verdicts = {v.statement.says: v for v in result.verdicts}
sentence = next(v for v in result.verdicts if "ineffective" in v.statement.says)
assert sentence.verdict == "inconsistent"
assert [p.verdict for p in sentence.parts] == ["right", "wrong"]
assert [p.verdict for p in sentence.others[0].parts] == ["wrong", "right"]  # the course's
# The document's hidden layer: three units in the text, A ∈ (4, 1) in the shapes.
three = next(v for v in result.verdicts if "three nodes defined in the hidden layer" in v.statement.says)
assert three.verdict == "inconsistent"
assert verdicts["Hidden layer A ∈ (4, 1)"].verdict == "inconsistent"
# The course's backward formulas hold in the module too, reported apart; "ReLU's
# derivative is a constant" does not hold, read literally.
assert len(result.course) == 12 and all(v.ok for v in result.course)
assert verdicts["the derivative of ReLU is a constant"].verdict == "wrong"
for label in PARAMETERS:
    value, slope = result.parameters[label]
    assert value == node[label].data and abs(slope - node[label].grad) < 1e-12
assert math.isclose(J.data, result.root.data, rel_tol=1e-12)
