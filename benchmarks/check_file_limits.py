"""How long `autograd-scalar check` takes on hostile files of about the cap's size (1 MB):
each must finish, or be refused in one line, within a few seconds.

    python benchmarks/check_file_limits.py

Each file is written to a temporary folder and checked in a fresh process (start-up
included); the table gives the process's CPU time (user + system, which a shared
machine's load does not change much), the wall-clock time, the exit status and the
first words of what was said.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CAP = 1_000_000
NETWORK = 'output = "y"\n[values]\nx = 0.5\n[equations]\ny = "tanh(x)"\n'


def files() -> dict[str, str]:
    """Name: text, each close to (and under) the cap."""
    line = "# " + "x" * 9_000 + "\n"
    chain = ["[values]", "x = 0.5", "[equations]", 'a0 = "tanh(x)"']
    chain += [f'a{i} = "tanh(a{i - 1}) + 0.1·a{i - 1}"' for i in range(1, 600)]
    wide_formula = " + ".join(f"x{i}·x{i}" for i in range(150))
    wide = ["[values]", *(f"x{i} = {i / 10}" for i in range(150)), "[equations]"]
    wide += [f'e{i} = "{wide_formula}"' for i in range(560)]
    within = wide[:152] + [f'e{i} = "{wide_formula}"' for i in range(25)]
    within += ["[claims]", *(f'"∂e{i}/∂x{i}" = "2·x{i}"' for i in range(3))]
    leaves = "".join(f"x{i} = {i / 1000}\n" for i in range(400))
    claims = "".join(f'x{i} = "x{i}' + "·1" * 600 + '"\n' for i in range(400))
    product = "·".join(["x"] * 1_000)[:2_000]
    ten = "".join(f"x{i} = {i / 10}\n" for i in range(10))
    steps = 'e0 = "x0·x1"\n' + "".join(f'e{i} = "e{i - 1}·x{i}"\n' for i in range(1, 10))
    wrong = "".join(f'"∂e{i}/∂x{j}" = "{product}"\n' for i in range(10) for j in range(10))
    digits = "\\\n".join(["1" * 9_000] * 33) + "x"
    return {
        "100 wrong claims of 2,000 characters": f"[values]\n{ten}[equations]\n{steps}"
        f"[claims]\n{wrong}",
        "300,000 digits joined by backslashes": NETWORK + f'[claims]\n"∂y/∂x" = """{digits}"""\n',
        "comments only": NETWORK + line * (CAP // len(line) - 1),
        "65,000 leaves": "[values]\n" + "".join(f"x{i} = {i}\n" for i in range(65_000)),
        "a chain of 600 equations, a wrong formula": "\n".join(chain)
        + '\n[claims]\n"∂a599/∂x" = "2·x"\n',
        "560 equations of 150 terms": "\n".join(wide) + "\n",
        "25 equations of 150 terms, 3 claims": "\n".join(within) + "\n",
        "one long string": NETWORK + 'z = """' + "a" * (CAP - 200) + '"""\n',
        "dotted keys": "".join(f"v{i}.a.a.a.a = 1\n" for i in range(50_000)),
        "arrays 8 deep": "".join(f"k{i} = [[[[[[[[1]]]]]]]]\n" for i in range(36_000)),
        "400 claims of 600 factors": f'output = "y"\n[values]\n{leaves}[equations]\n'
        f'y = "tanh(x0)"\n[claims]\n{claims}',
    }


def main() -> None:
    print("| file | size | CPU | wall | exit | said |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        cases = {}
        for i, (name, text) in enumerate(files().items()):
            cases[name] = Path(folder) / f"{i}.toml"
            cases[name].write_text(text, encoding="utf-8")
        cases["/dev/zero"] = Path("/dev/zero")
        for name, path in cases.items():
            start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            done = subprocess.run(
                [sys.executable, "-m", "autograd_scalar", "check", str(path)],
                capture_output=True,
                text=True,
                timeout=600,
            )
            took = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            said = (done.stderr or done.stdout).strip().splitlines()
            first = said[-1].split(": ", 2)[-1][:70] if said else ""
            size = "–" if name == "/dev/zero" else f"{path.stat().st_size:,}"
            print(f"| {name} | {size} | {cpu:.1f} s | {took:.1f} s | {done.returncode} | {first} |")


if __name__ == "__main__":
    main()
