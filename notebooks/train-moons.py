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
# # Training a small network on two moons
#
# This notebook trains the network of micrograd's demo, a multi-layer perceptron with
# two hidden layers of 16 ReLU neurons, to separate two interleaving half circles.
# Every number in it is one `Value`: the same engine that checks a document's
# derivatives by hand also trains the network.
#
# What you will see:
# 1. the data set;
# 2. the graph of the loss on one point for a tiny 2-2-1 network, drawn node by node,
#    and one of its gradients checked by nudging the weight;
# 3. the training loop, its loss curve, and the decision boundary it learned.
#
# It needs the `notebooks` extra (`pip install "autograd-scalar[notebooks]"`) for
# matplotlib; the engine itself needs nothing.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt

from autograd_scalar import draw, nn, no_grad

# %% [markdown]
# ## The data: two moons
#
# `nn.make_moons` draws points on two half circles with a little Gaussian noise. It is
# seeded, so every run sees the same points. micrograd's demo uses 100 points; 40 are
# enough to watch the network learn, and keep this notebook quick.
#
# The loss below wants labels −1 and +1, so the classes 0 and 1 become −1 and +1.

# %%
X, classes = nn.make_moons(40, noise=0.1, seed=0)
Y = [2 * c - 1 for c in classes]  # class 0 → −1, class 1 → +1


def scatter(ax):
    """The training points, coloured by class."""
    ax.scatter([x[0] for x in X], [x[1] for x in X], c=Y, cmap="coolwarm", edgecolors="k")


fig, ax = plt.subplots(figsize=(5, 3.5))
scatter(ax)
ax.set_title("two moons: 40 points, two classes")
plt.show()

# %% [markdown]
# ## One point through a tiny network, as a graph
#
# Before training 337 parameters, look at everything one loss computes on a network
# small enough to draw: 2 inputs, 2 hidden ReLU neurons, 1 output. `numbering="neuron"`
# numbers the parameters as most textbooks do (W1, W2 feed the first hidden neuron),
# and `label_nodes` labels the nodes each forward pass makes, so the picture reads like a
# page of notes.
#
# The loss is micrograd's max-margin (hinge) loss, `max(0, 1 − y·score)`: zero once the
# score has the right sign with a margin of 1, and growing linearly otherwise.

# %%
tiny = nn.MLP(2, [2, 1], seed=2, numbering="neuron")
tiny.label_nodes(net="z{}", out="h{}", inputs="x{}")
score = tiny(X[0]).labelled("score")
loss = nn.hinge(score, Y[0]).labelled("L")
loss.backward()
tiny.parameters()

# %% [markdown]
# Red nodes have a positive gradient ∂L/∂node, blue ones a negative gradient. The
# highlighted edges are every path from the loss back to W1: the chain rule multiplies
# the local derivatives along them. The second hidden neuron's sum z2 is negative, so
# its ReLU outputs 0 and passes back a gradient of 0: W3, W4 and b2 learn nothing from
# this point (a "dead" ReLU, for this input).

# %%
W1 = tiny.parameter("W1")
draw(loss, module=tiny, highlight=W1)

# %% [markdown]
# A gradient is a promise about small changes: nudging W1 by ε should change L by about
# ε·∂L/∂W1. The central difference below checks that promise without using the
# engine's backward pass at all.


# %%
def loss_at(w1: float) -> float:
    """The tiny network's loss on the first point, with W1 set to `w1`."""
    saved = W1.data
    W1.data = w1
    try:
        return nn.hinge(tiny(X[0]), Y[0]).data
    finally:
        W1.data = saved


eps = 1e-6
nudged = (loss_at(W1.data + eps) - loss_at(W1.data - eps)) / (2 * eps)
print(f"backward: ∂L/∂W1 = {W1.grad:.8f}   central difference: {nudged:.8f}")
dead = [tiny.parameter(name).grad for name in ("W3", "W4", "b2")]
print("gradients behind the dead ReLU (W3, W4, b2):", dead)

# %% [markdown]
# ## Training the full network
#
# `nn.MLP(2, [16, 16, 1])` with no other argument is micrograd's network: ReLU hidden
# layers, a linear output, weights uniform in [−1, 1] drawn from a seeded
# `random.Random`, biases 0.
#
# Each step of `nn.fit` computes the score of every point, the mean hinge loss plus a
# small L2 penalty `1e-4·Σ p²` (it keeps the weights small), calls `backward()`, and
# moves every parameter against its gradient. The learning rate starts at 1 and decays
# linearly, as in micrograd's demo; micrograd takes 100 steps over 100 points, and 60
# steps over these 40 are enough here. The callback records the training accuracy: a
# point is classified right when its score has the sign of its label.

# %%
model = nn.MLP(2, [16, 16, 1], seed=0)
print(model, "with", len(model.parameters()), "parameters")

STEPS = 60
accuracy = []


def record(step, loss_value, scores):
    right = sum((s.data > 0) == (y > 0) for s, y in zip(scores, Y, strict=True))
    accuracy.append(right / len(Y))


history = nn.fit(
    model,
    X,
    Y,
    nn.hinge,
    steps=STEPS,
    lr=lambda k: 1.0 - 0.9 * k / STEPS,
    l2=1e-4,
    progress=False,
    callback=record,
)
print(f"loss {history[0]:.4f} → {history[-1]:.4f}; accuracy {accuracy[0]:.0%} → {accuracy[-1]:.0%}")

# %% [markdown]
# The history holds the loss *before* each update, and the accuracy is measured on the
# same scores. The loss falls fast while the boundary moves into place, then slowly as
# the margins grow.

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3))
left.plot(history)
left.set_xlabel("step")
left.set_ylabel("loss (hinge + L2)")
left.set_yscale("log")
right.plot(accuracy)
right.set_xlabel("step")
right.set_ylabel("training accuracy")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## The decision boundary
#
# The trained network gives every point of the plane a score; its sign is the class.
# Evaluating a 25 × 25 grid under `no_grad()` records no graph, since nothing is
# differentiated here: the points are coloured by the side of the boundary they fall on.

# %%
SIDE = 25
xs = [-1.5 + 4.0 * i / (SIDE - 1) for i in range(SIDE)]
ys = [-1.0 + 2.5 * j / (SIDE - 1) for j in range(SIDE)]
with no_grad():
    grid = [[model([x, y]).data for x in xs] for y in ys]
    final_scores = [model(x).data for x in X]

fig, ax = plt.subplots(figsize=(5, 3.5))
ax.contourf(xs, ys, [[1 if s > 0 else -1 for s in row] for row in grid], cmap="coolwarm", alpha=0.4)
scatter(ax)
ax.set_title("what the trained network predicts")
plt.show()

# %% [markdown]
# ## What this notebook asserts
#
# These checks run with the notebook in the project's tests, so if the engine or `nn`
# stops training this network, the suite fails.

# %%
# The tiny network's gradient agrees with the nudge, and the dead ReLU passes back 0.
assert abs(W1.grad - nudged) <= 1e-6 * max(1.0, abs(nudged))
assert dead == [0.0, 0.0, 0.0]
# Training lowered the loss and separates every training point.
assert history[-1] < history[0] / 10
assert accuracy[-1] == 1.0
# The trained network (after the last update) still classifies every point right.
assert all((s > 0) == (y > 0) for s, y in zip(final_scores, Y, strict=True))
# Both classes appear on the grid: the boundary crosses the plotted region.
assert any(s > 0 for row in grid for s in row) and any(s < 0 for row in grid for s in row)
