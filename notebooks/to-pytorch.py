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
# # Moving to PyTorch: the same network, the same numbers
#
# A network built and checked here, one `Value` at a time, can go on in PyTorch, on
# tensors and batches, without being typed again. This notebook trains micrograd's
# moons network for a while here, exports it with `model.to_torch()`, goes on training
# it in PyTorch with the whole data set as one batch, and draws both loss curves in one
# plot. Where both run the same steps, the curves are one: the exported module computes
# what the engine computes, to the last digits.
#
# It needs the `torch` extra (`pip install "autograd-scalar[torch]"`; a CPU build is
# enough) and, for the plot, the `notebooks` extra.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import torch

from autograd_scalar import nn

# %% [markdown]
# ## Training here
#
# micrograd's demo: two moons, labels −1 and +1, a 2-16-16-1 network with ReLU hidden
# layers, the hinge loss plus `1e-4·Σ p²`, and plain gradient descent whose rate falls
# from 1 as `1 − 0.9·k/100` over 100 steps. The first 30 steps run here.

# %%
X, classes = nn.make_moons(40, noise=0.1, seed=0)
Y = [2 * c - 1 for c in classes]
STEPS, HERE = 100, 30


def rate(k):
    return 1.0 - 0.9 * k / STEPS


model = nn.MLP(2, [16, 16, 1], seed=0)
here = nn.fit(model, X, Y, nn.hinge, steps=HERE, lr=rate, l2=1e-4, progress=False)
print(f"loss {here[0]:.4f} → {here[-1]:.4f} in {HERE} steps here")

# %% [markdown]
# ## One call: the network as a `torch.nn.Module`
#
# `to_torch()` gives a module in float64 with the same weights. Each layer sums its
# inputs in the engine's order and applies its activation, printed from the op table
# (`torch.relu(a)`), so the numbers are the engine's. An unlabelled layer holds `weight`
# and `bias` as `torch.nn.Linear` does (a labelled one names its parameters by their
# labels, `W1`, `b1`). It takes a batch: a tensor with one example per row.

# %%
module = model.to_torch()
print(module)
print(list(module.state_dict()))

inputs = torch.tensor(X, dtype=torch.float64)
labels = torch.tensor(Y, dtype=torch.float64)
scores = module(inputs)[:, 0]
by_example = [model(x).data for x in X]
print(
    "largest difference, batch against the engine example by example:",
    max(abs(a - b) for a, b in zip(scores.tolist(), by_example)),
)

# %% [markdown]
# The gradients agree too. The loss of the demo, written in PyTorch on the whole batch,
# against the same loss built here; `places()` says where each parameter of `model`
# sits in the module (`layers.1.weight`, row, column).

# %%
def torch_loss(module):
    data_loss = torch.relu(1 - labels * module(inputs)[:, 0]).mean()
    return data_loss + 1e-4 * sum((p * p).sum() for p in module.parameters())


model.zero_grad()
loss_here = nn.hinge([model(x) for x in X], Y) + 1e-4 * sum(p * p for p in model.parameters())
loss_here.backward()
module.zero_grad()
torch_loss(module).backward()
pairs = [(p.grad, t.grad[where].item()) for p, (t, where) in zip(model.parameters(), module.places())]
worst = max(abs(a - b) / max(abs(a), abs(b)) for a, b in pairs if a or b)
print(f"{len(pairs)} gradients; largest relative difference {worst:.1e}")

# %% [markdown]
# ## Training in PyTorch
#
# The other 70 steps run in PyTorch: `torch.optim.SGD` on the module's parameters, the
# same schedule, the whole data set as one batch. To see that the two are one training
# run, a copy of the network, read back from the module with `nn.MLP.from_torch`, also
# takes the next 10 steps here.

# %%
copy_here = nn.MLP.from_torch(module)
more_here = nn.fit(
    copy_here, X, Y, nn.hinge, steps=10, lr=lambda k: rate(HERE + k), l2=1e-4, progress=False
)

optimizer = torch.optim.SGD(module.parameters(), lr=rate(HERE))
there = []
for k in range(HERE, STEPS):
    total = torch_loss(module)
    optimizer.zero_grad()
    total.backward()
    for group in optimizer.param_groups:
        group["lr"] = rate(k)
    optimizer.step()
    there.append(total.item())
print(f"loss {there[0]:.4f} → {there[-1]:.4f} in {STEPS - HERE} steps in PyTorch")
print(
    "largest difference over the 10 steps taken both ways:",
    max(abs(a - b) for a, b in zip(more_here, there)),
)

# %%
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.plot(range(HERE), here, label="here (autograd_scalar)", linewidth=2)
ax.plot(range(HERE, STEPS), there, label="in PyTorch, on one batch", linewidth=2)
ax.plot(range(HERE, HERE + 10), more_here, "k.", label="here again, the same 10 steps")
ax.axvline(HERE - 0.5, color="grey", linestyle=":")
ax.set_xlabel("step")
ax.set_ylabel("loss (hinge + L2)")
ax.set_yscale("log")
ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# ## Back again
#
# `nn.MLP.from_torch` reads the trained module back as an MLP (it also takes a
# `torch.nn.Sequential` of `Linear` layers and activations), so the trained network can
# be drawn, explained and checked here.

# %%
trained = nn.MLP.from_torch(module)
right = sum((trained(x).data > 0) == (y > 0) for x, y in zip(X, Y))
print(trained, f"classifies {right} of {len(X)} points right")

# %% [markdown]
# ## What this notebook asserts

# %%
# The batch gives each example's score, and every gradient, as the engine does.
assert all(abs(a - b) <= 1e-12 * max(1.0, abs(b)) for a, b in zip(scores.tolist(), by_example))
assert worst <= 1e-12
# Where both trained, the two runs are one, step by step.
assert all(abs(a - b) <= 1e-9 * abs(a) for a, b in zip(more_here, there))
# Training went on in PyTorch: the loss kept falling, and every point is classified right.
assert there[-1] < here[-1] < here[0]
assert right == len(X)
