"""The tape's interpreter: one forward loop and one backward loop over plain float lists.

A program is a list of `(op code, out, a, b, k)` in topological order: slots of the
node, its inputs (`b` is -1 for a unary op) and pow's exponent `k`. Each op's arithmetic
is written out as in `ops`, so no call is made per node; the tests hold each branch
equal to its op record bit for bit. `log` and `pow` call their records, which own the
domain checks. Any error, or a value that is not finite, is left to the caller, who
replays through the op table to name the op and its inputs.
"""

from __future__ import annotations

import math

from .ops import LOG, POW

# Op codes, the commonest first: the if-chain tests them in this order.
CODES = {"mul": 0, "add": 1, "relu": 2, "tanh": 3, "sigmoid": 4, "exp": 5, "log": 6, "pow": 7}
Program = list[tuple[int, int, int, int, float]]


def run_forward(program: Program, v: list[float], da: list[float], db: list[float]) -> None:
    """Fill the values `v` and local partials `da`, `db` of every op node, in order."""
    exp, tanh = math.exp, math.tanh
    for code, o, a, b, k in program:
        if code == 0:  # mul
            x = v[a]
            y = v[b]
            v[o] = x * y
            da[o] = y
            db[o] = x
        elif code == 1:  # add; its partials stay 1.0
            v[o] = v[a] + v[b]
        elif code == 2:  # relu; 0 at the kink, as the op table
            x = v[a]
            if x > 0.0:
                v[o] = x
                da[o] = 1.0
            else:
                v[o] = da[o] = 0.0
        elif code == 3:  # tanh
            out = v[o] = tanh(v[a])
            da[o] = 1.0 - out * out
        elif code == 4:  # sigmoid, the two branches that never overflow
            x = v[a]
            if x >= 0.0:
                out = 1.0 / (1.0 + exp(-x))
            else:
                e = exp(x)
                out = e / (1.0 + e)
            v[o] = out
            da[o] = out * (1.0 - out)
        elif code == 5:  # exp
            v[o] = da[o] = exp(v[a])
        elif code == 6:  # log
            v[o] = LOG.forward(v[a], None)
            da[o] = 1.0 / v[a]
        else:  # pow
            out = v[o] = POW.forward(v[a], k)
            da[o] = POW.partials(v[a], k, out)[0]


def run_backward(program: Program, g: list[float], da: list[float], db: list[float]) -> None:
    """Apply the chain rule over `program` in reverse, accumulating into `g` (seeded)."""
    for code, o, a, b, _ in reversed(program):
        go = g[o]
        # Skipping a zero is exact: it would add ±0.0 to a sum that started at +0.0.
        if go == 0.0:
            continue
        if code == 0:  # mul
            g[a] += da[o] * go
            g[b] += db[o] * go
        elif code == 1:  # add: 1.0 * go is go, bit for bit
            g[a] += go
            g[b] += go
        else:
            g[a] += da[o] * go
