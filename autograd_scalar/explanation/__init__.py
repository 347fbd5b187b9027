"""The chain rule written out: how a graph reads in its labels, explain(), and backward
step by step.

`folding` reads a graph as a person does (labelled nodes, their equations, the steps
between them, with unlabelled nodes folded in); `explain` writes the chain rule for one
partial derivative from it; `steps` lists the steps of backward in the engine's order.
The pictures' equation view reads graphs the same way.
"""

from .explain import Explanation, Factor, explain
from .folding import Folding, Step
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
