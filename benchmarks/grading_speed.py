"""How long `autograd-scalar grade` takes for a class of 1,000 sheets, and that its output
does not depend on the order of the sheets or the number of processes.

The key is the worked example's (`notebooks/grading/key.toml`: the tap-and-knob network,
eight questions). Each generated sheet answers each question the way students do: right
most of the time, in a spelling of its own (factors in any order, `·` or `*` or `×`, `−`
or `-`, spaces or none), or with a typical mistake (a flipped sign, the factor ∂ℓ/∂σ3
missing, a constant factor, one path of two, the other neuron's weight), a number to
too few figures, a blank or a typo. The spellings make most answers distinct texts, so
the figure is not that of a class that copied one sheet. But the class shares its
mistakes: the wrong answers are a handful of kinds, and answers with the same values
share one diagnosis (the costly part), whatever their spelling. With `--distinct` every
wrong answer is made distinct in value too (a mistake times a factor of its own,
`1.0371·(σ3 − y)·σ1`, or a number of its own), so that each is diagnosed on its own:
the figure for a class that shares nothing.

    python benchmarks/grading_speed.py [--sheets 1000] [--seed 0] [--distinct]

It prints the wall-clock time of the command (start-up included) with the default
processes (every core) and with one, whose CPU time it gives too (a shared machine's
load changes it little), and checks that the JSON is byte-identical
between the two and with the sheets given in another order.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KEY = Path(__file__).resolve().parent.parent / "notebooks" / "grading" / "key.toml"

LOSS = "(σ3 − y)"
RIGHT = {
    "∂ℓ/∂Z3": [[LOSS]],
    "∂ℓ/∂W5": [[LOSS, "σ1"]],
    "∂ℓ/∂W1": [[LOSS, "W5", "σ1", "(1 − σ1)", "X1"]],
    "∂ℓ/∂b1": [[LOSS, "W5", "σ1", "(1 − σ1)"]],
    "∂ℓ/∂X1": [[LOSS, "W5", "σ1", "(1 − σ1)", "W1"], [LOSS, "W6", "σ2", "(1 − σ2)", "W3"]],
}
NUMBERS = {"σ3": 0.5082101283418716, "∂ℓ/∂b3": -0.4917898716581283}
SLOPE = {
    "right": "(1 − y)/(1 − σ3) − y/σ3",
    "sign": "y/σ3 − (1 − y)/(1 − σ3)",
    "missing": "1/(1 − σ3)",
}


def spelled(paths: list[list[str]], rng: random.Random) -> str:
    """A sum of products, each product's factors in a random order and typography."""
    times = rng.choice(["·", "*", " * ", "×", " · "])
    products = []
    for factors in paths:
        factors = factors[:]
        rng.shuffle(factors)
        products.append(times.join(factors))
    text = " + ".join(products)
    if rng.random() < 0.5:
        text = text.replace("−", "-")
    return text


def mistaken(paths: list[list[str]], rng: random.Random) -> list[list[str]]:
    """The paths with one typical mistake."""
    kind = rng.choice(["sign", "missing", "factor", "path", "neuron"])
    if kind == "sign":
        return [["(y − σ3)" if f == LOSS else f for f in p] for p in paths]
    if kind == "missing":
        return [["σ3", "(1 − σ3)"] + [f for f in p if f != LOSS] for p in paths]
    if kind == "factor":
        return [[rng.choice(["2", "0.5"])] + p for p in paths]
    if kind == "path" and len(paths) > 1:
        return paths[:1]
    swap = {"W5": "W6", "σ1": "σ2", "(1 − σ1)": "(1 − σ2)", "W1": "W3"}
    return [[swap.get(f, f) for f in p] for p in paths]


def typo(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text))
    return text[:at] + rng.choice([")", "(", "·", "σ", "q"]) + text[at:]


def answer(question: str, rng: random.Random, distinct: bool = False) -> str | None:
    roll = rng.random()
    if roll < 0.05:
        return None  # left out
    # A factor of the answer's own: no other wrong answer has its values.
    own = f"{rng.uniform(1.01, 3.0):.6f}·" if distinct else ""
    if question in NUMBERS:
        value = NUMBERS[question]
        if distinct and roll >= 0.8:
            return f"{value * rng.uniform(1.01, 3.0):.6g}"
        figures = rng.choice([3, 4, 5]) if roll < 0.8 else rng.choice([1, 2])
        shown = f"{value:.{figures}g}"
        return shown if roll < 0.9 else f"{-value:.4g}"
    if question == "∂ℓ/∂σ3":
        if roll < 0.7:
            return SLOPE["right"]
        return own + f"({SLOPE[rng.choice(['sign', 'missing'])]})"
    paths = RIGHT[question]
    if roll < 0.65:
        return spelled(paths, rng)
    text = (
        own + f"({spelled(mistaken(paths, rng), rng)})"
        if distinct
        else spelled(mistaken(paths, rng), rng)
    )
    return typo(text, rng) if roll > 0.95 else text


def write_class(folder: Path, count: int, seed: int, distinct: bool = False) -> list[Path]:
    rng = random.Random(seed)
    questions = ["σ3", "∂ℓ/∂σ3", *RIGHT, "∂ℓ/∂b3"]
    files = []
    for i in range(count):
        lines = [f'name = "student {i:04d}"', "[claims]"]
        for question in questions:
            given = answer(question, rng, distinct)
            if given is not None:
                quoted = given if question in NUMBERS else f'"{given}"'
                lines.append(f'"{question}" = {quoted}')
        path = folder / f"s{i:04d}.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(path)
    return files


def run(*argv: str) -> tuple[float, float, bytes]:
    """Wall-clock and CPU time (user + system, of the command's own process) and output."""
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "autograd_scalar", "grade", str(KEY), *argv, "--json"],
        capture_output=True,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return time.perf_counter() - start, cpu, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--distinct", action="store_true", help="make every wrong answer distinct in value"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = write_class(Path(folder), args.sheets, args.seed, args.distinct)
        distinct = len({line for f in files for line in f.read_text("utf-8").splitlines()[2:]})
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"{args.sheets:,} sheets, {distinct:,} distinct answers; {cores} cores")
        many, _, out_many = run(folder)  # the workers' CPU time is not the child's
        print(f"grade, default processes: {many:.1f} s")
        one, one_cpu, out_one = run(folder, "-j", "1")
        print(f"grade, one process:       {one:.1f} s ({one_cpu:.1f} s of CPU)")
        shuffled = [str(f) for f in files]
        random.Random(args.seed + 1).shuffle(shuffled)
        _, _, out_shuffled = run(*shuffled)
        same = out_many == out_one == out_shuffled
        print(f"JSON byte-identical across processes and order: {same}")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
