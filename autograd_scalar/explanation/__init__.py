"""The chain rule written out: how a graph reads in its labels, explain(), and backward
step by step.

`folding` reads a graph as a person does (labelled nodes, their equations, the steps
between them, with unlabelled nodes folded in); `paths` writes the chain rule for one
partial derivative from it (`explain()`: one product per path); `steps` lists the steps
of backward in the engine's order. The pictures' equation view reads graphs the same way.
"""

from .folding import Folding, Step
from .paths import Explanation, Factor, explain
from .steps import BackwardStep, Share, backward_steps

__all__ = [
    "BackwardStep",
    "Explanation",
    "Factor",
    "Folding",
    "Share",
    "Step",
    "backward_steps",
    "explain",
]
