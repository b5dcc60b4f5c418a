"""Mutation check: do the tests notice when a core model is wrong?

Each mutant changes one thing in one function of a core model module, through its syntax tree: a sign
flipped (``-x`` → ``x``), an operator swapped (``+``/``-``, ``*``/``/``, ``**`` → ``*``, ``<``/``<=``,
``>``/``>=``, ``==``/``!=``, ``max``/``min``), a constant changed (``n`` → ``n + 1``, ``x`` → ``1.5 x``)
or a term dropped (``a + b`` → ``a``). Argument checks (calls to :mod:`qinet._validate` and
:mod:`qinet._limits`, and ``if`` branches that end in ``raise``), docstrings and message strings are
left alone. The mutant is written into a temporary copy of the package (never in place) and the
module's tests (``tests/test_<module>.py`` and its doctests) run against it; the mutant is *killed*
if they fail, or run past the time limit. The kill rate per module is printed with every surviving
mutant; core models should have ≥ 90 % killed.

Usage: ``python benchmarks/mutation.py [MODULE ...] [--per-module N | --all] [--seed S]`` (default: the
core model modules, up to 25 mutants each, spread over their functions and kinds of change).
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Core model modules and the tests that should catch a wrong model in each.
CORE: dict[str, tuple[str, ...]] = {
    "links": ("tests/test_links.py",),
    "bounds": ("tests/test_bounds.py",),
    "states": ("tests/test_states.py",),
    "repeaters": ("tests/test_repeaters.py",),
    "repeater_sim": ("tests/test_repeaters.py",),
    "keyrates": ("tests/test_keyrates.py",),
    "postprocessing": ("tests/test_postprocessing.py",),
    "orbits": ("tests/test_orbits.py",),
    "generations": ("tests/test_generations.py",),
    "loopholes": ("tests/test_loopholes.py",),
    "trusted": ("tests/test_trusted.py",),
}

#: Calls whose arguments are argument checks, not physics: never mutated.
CHECKS = {
    "number",
    "in_range",
    "probability",
    "positive_int",
    "one_of",
    "boolean",
    "text",
    "array",
    "bits",
    "strings",
    "named_arrays",
    "instance",
    "function",
    "seed",
    "_seed",
    "check_budget",
    "check_array_size",
    "_check_pairs",
    "_check_settings",
    "_fidelity",
    "_radius",
    "most",
}
#: Mutants that cannot change any result (checked by hand), by (module, function, before, after): reported
#: as equivalent and left out of the kill rate.
EQUIVALENT: dict[tuple[str, str, str, str, int], str] = {
    # (module, source line, before, after, which identical change on the line): why no result can change
    (
        "links",
        "bad = (d < h * (1 - 1e-12)) | (d > horizon * (1 + 1e-12))",
        "d < h * (1 - 1e-12)",
        "d <= h * (1 - 1e-12)",
        0,
    ): "the edge of a rounding tolerance",
    ("bounds", "rate = np.where(q <= 0.5, np.maximum(0.0, 1.0 - f * h - h), 0.0)", "q <= 0.5", "q < 0.5", 0): (
        "at Q = 1/2 both branches give 0"
    ),
    ("repeaters", "j = np.arange(1, m + 1)", "m + 1", "m", 0): "the dropped term multiplies E_0 = 0",
    ("repeaters", "small = p <= _SMALL_P", "p <= _SMALL_P", "p < _SMALL_P", 0): "both formulas agree at the switch",
    (
        "repeaters",
        "t = np.arange(1, int(np.ceil((np.log(n_links) + 45.0) / big.min())) + 1)",
        "int(np.ceil((np.log(n_links) + 45.0) / big.min())) + 1",
        "int(np.ceil((np.log(n_links) + 45.0) / big.min()))",
        0,
    ): "one term fewer of a tail below e^-45",
    (
        "repeaters",
        "return scalar_or_array(np.where(tau > 0.0, per_round / tau, math.inf))",
        "tau > 0.0",
        "tau >= 0.0",
        0,
    ): "at tau = 0 both branches give inf",
    ("repeaters", "if shortfall(low) >= 0.0:", "shortfall(low) >= 0.0", "shortfall(low) > 0.0", 0): "an exact tie",
    ("repeater_sim", "down = age < 0", "0", "1", 0): "no link has age 0 when `down` is taken",
    (
        "orbits",
        "frac = np.where((a >= 0) & (b >= 0), 1.0, np.where((a < 0) & (b < 0), 0.0, partial))",
        "a < 0",
        "a <= 0",
        0,
    ): "at a = 0 the partial fraction is 0 too",
    (
        "orbits",
        "partial = np.divide(np.maximum(a, b), span, out=np.zeros_like(span), where=span > 0)",
        "span > 0",
        "span >= 0",
        0,
    ): "span = 0 only where both samples sit on the same side, where `partial` is not used",
    (
        "orbits",
        "frac = np.where((a >= 0) & (b >= 0), 1.0, np.where((a < 0) & (b < 0), 0.0, partial))",
        "a >= 0",
        "a > 0",
        0,
    ): "at a = 0 the partial fraction is 1 too",
    (
        "orbits",
        "frac = np.where((a >= 0) & (b >= 0), 1.0, np.where((a < 0) & (b < 0), 0.0, partial))",
        "b >= 0",
        "b > 0",
        0,
    ): "at b = 0 the partial fraction is 1 too",
    (
        "orbits",
        "frac = np.where((a >= 0) & (b >= 0), 1.0, np.where((a < 0) & (b < 0), 0.0, partial))",
        "b < 0",
        "b <= 0",
        0,
    ): "at b = 0 the partial fraction is 0 too",
    ("orbits", "spread = max(np.arccos(np.clip(units @ mid, -1.0, 1.0)))", "1.0", "1.5", 0): (
        "a clip against rounding: dot products of unit vectors lie in [-1, 1]"
    ),
    ("orbits", "spread = max(np.arccos(np.clip(units @ mid, -1.0, 1.0)))", "1.0", "1.5", 1): (
        "a clip against rounding: dot products of unit vectors lie in [-1, 1]"
    ),
    (
        "orbits",
        "elevation.append(np.degrees(np.arcsin(np.clip(np.sum(d * up, axis=1) / dist, -1.0, 1.0))))",
        "1.0",
        "1.5",
        0,
    ): "a clip against rounding: a cosine lies in [-1, 1]",
    (
        "orbits",
        "elevation.append(np.degrees(np.arcsin(np.clip(np.sum(d * up, axis=1) / dist, -1.0, 1.0))))",
        "1.0",
        "1.5",
        1,
    ): "a clip against rounding: a cosine lies in [-1, 1]",
    ("orbits", "np.clip(elev, mask_deg, 90.0),", "90.0", "135.0", 0): "elevations never exceed 90°",
    (
        "orbits",
        "half_span = (float(max_central_angle(h, 0.0)) + spread + abs(delta)) / omega * 1.02",
        "float(max_central_angle(h, 0.0)) + spread + abs(delta)",
        "float(max_central_angle(h, 0.0)) + spread",
        0,
    ): ("a station off the track sees a shorter arc: the window covers the pass either way"),
    ("orbits", "visible = elev >= mask_deg", "elev >= mask_deg", "elev > mask_deg", 0): "an exact tie of a sample",
    ("generations", "for k in range(1, int(np.max(levels)) + 1):", "1", "2", 1): (
        "one more nesting level, which no link reaches"
    ),
    (
        "loopholes",
        "return float(brentq(margin, bell_efficiency_threshold(v) + 1e-9, 1.0, xtol=1e-12))",
        "bell_efficiency_threshold(v) + 1e-09",
        "bell_efficiency_threshold(v) - 1e-09",
        0,
    ): "a root bracket moved by 1e-9",
    (
        "loopholes",
        "return float(brentq(margin, bell_efficiency_threshold(v) + 1e-9, 1.0, xtol=1e-12))",
        "bell_efficiency_threshold(v) + 1e-09",
        "bell_efficiency_threshold(v)",
        0,
    ): "a root bracket moved by 1e-9",
    (
        "loopholes",
        "return float(brentq(margin, bell_efficiency_threshold(v) + 1e-9, 1.0, xtol=1e-12))",
        "1e-12",
        "2e-12",
        0,
    ): "the root finder's tolerance",
    ("trusted", "for a in announcements[: j - 1][::-1]:", "-1", "1", 0): "XOR commutes: the order does not matter",
    ("links", 'if position == "middle":', "position == 'middle'", "position != 'middle'", 0): (
        "eta(L/2)^2 = eta(L): both branches give the same rate, which is the docstring's point"
    ),
    (
        "links",
        "bad = (d < h * (1 - 1e-12)) | (d > horizon * (1 + 1e-12))",
        "d > horizon * (1 + 1e-12)",
        "d >= horizon * (1 + 1e-12)",
        0,
    ): "differs only at one exact float, a hair beyond the horizon",
    (
        "states",
        "coefficients = np.where(np.abs(coefficients) < 1e-15, 0.0, coefficients)",
        "np.abs(coefficients) < 1e-15",
        "np.abs(coefficients) <= 1e-15",
        0,
    ): "differs only for a weight of exactly 1e-15",
    ("loopholes", "if spare >= 1.0:", "spare >= 1.0", "spare > 1.0", 0): (
        "at spare = 1 the root search returns x = 1/2 and the same S = 2"
    ),
    (
        "loopholes",
        "return (single(a1) + single(b1)) / coincidences if coincidences > 1e-12 else 10.0",
        "coincidences > 1e-12",
        "coincidences >= 1e-12",
        0,
    ): "differs only for coincidences of exactly 1e-12",
    (
        "trusted",
        "shots = sim.sample(qc, shots=rounds, seed=int(rng.integers(2**31 - 1)))",
        "2 ** 31 - 1",
        "2 ** 31",
        0,
    ): "the range of the simulator seeds",
    (
        "keyrates",
        "return scalar_or_array(_single_raw(eta, dark_count, misalignment, 1.0, 0.5)[1])",
        "1.0",
        "1.5",
        0,
    ): "the error-correction efficiency changes the rate, not the QBER returned here",
    (
        "keyrates",
        "single = np.where(omega > 0, q_mu * omega * (1 - _h(e_mu / np.where(omega > 0, omega, 1.0))), -1.0)",
        "omega > 0",
        "omega >= 0",
        0,
    ): "at omega = 0 both raw rates are negative, and the public rates clip them to 0",
    (
        "keyrates",
        "two_decoy_rate(0.0, **p, **nu)  # validates mu against nu1 + nu2",
        "0.0",
        "0.5",
        0,
    ): "a call made only for its argument checks: the length does not matter",
    (
        "trusted",
        "shots = sim.sample(qc, shots=rounds, seed=int(rng.integers(2**31 - 1)))",
        "2 ** 31 - 1",
        "2 ** 31 + 1",
        0,
    ): "the range of the simulator seeds",
}
TIMEOUT_S = 300
SWAPS = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.Pow: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
}
EXTREMES = {"max": "min", "min": "max", "maximum": "minimum", "minimum": "maximum"}


@dataclass(frozen=True)
class Site:
    """One possible mutation: the ``index``-th candidate node of a module, its kind and a description."""

    index: int
    kind: str
    function: str
    line: int
    before: str
    after: str
    context: str  # the source line, stripped
    nth: int  # which of the identical changes on that line (0 for the first)

    def describe(self) -> str:
        return f"line {self.line} {self.function}: {self.kind} `{self.before}` → `{self.after}`"

    @property
    def key(self) -> tuple[str, str, str, int]:
        """How :data:`EQUIVALENT` names this mutant: (source line, before, after, nth)."""
        return (self.context, self.before, self.after, self.nth)


def _is_check_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name in CHECKS


def _raises(node: ast.AST) -> bool:
    """An ``if`` whose branch ends in ``raise``: an argument check, its condition and its message."""
    return isinstance(node, ast.If) and bool(node.body) and isinstance(node.body[-1], ast.Raise)


def _frozen(tree: ast.AST) -> set[int]:
    """ids of nodes never to mutate: argument checks (calls, and ``if`` branches that end in ``raise``, with
    their condition and the message they compute), raises, asserts, docstrings and f-strings."""
    frozen: set[int] = set()
    for node in ast.walk(tree):
        parts: list[ast.AST] = []
        if _is_check_call(node) or isinstance(node, (ast.Raise, ast.Assert, ast.JoinedStr)):
            parts = [node]
        elif _raises(node):
            parts = [node.test, *node.body]
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            parts = [node]
        for part in parts:
            frozen.update(id(n) for n in ast.walk(part))
    return frozen


def _mutations(node: ast.AST) -> list[tuple[str, ast.AST]]:
    """The mutated copies of ``node`` (kind, replacement) this script makes."""
    out: list[tuple[str, ast.AST]] = []
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        out.append(("sign", copy.deepcopy(node.operand)))
    elif isinstance(node, ast.BinOp):
        if type(node.op) in SWAPS:
            swapped = copy.deepcopy(node)
            swapped.op = SWAPS[type(node.op)]()
            out.append(("operator", swapped))
        if isinstance(node.op, (ast.Add, ast.Sub, ast.Mult)):
            out.append(("drop term", copy.deepcopy(node.left)))
    elif isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in SWAPS:
        swapped = copy.deepcopy(node)
        swapped.ops = [SWAPS[type(node.ops[0])]()]
        out.append(("comparison", swapped))
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        value = node.value
        new = value + 1 if isinstance(value, int) else (round(value * 1.5, 12) if value else 0.5)
        out.append(("constant", ast.Constant(new)))
    elif isinstance(node, (ast.Name, ast.Attribute)):
        name = node.id if isinstance(node, ast.Name) else node.attr
        if name in EXTREMES and isinstance(getattr(node, "ctx", None), ast.Load):
            swapped = copy.deepcopy(node)
            if isinstance(swapped, ast.Name):
                swapped.id = EXTREMES[name]
            else:
                swapped.attr = EXTREMES[name]
            out.append(("max/min", swapped))
    return out


def _functions(tree: ast.Module) -> list[ast.FunctionDef]:
    return [n for n in tree.body if isinstance(n, ast.FunctionDef)]


def sites(source: str) -> list[Site]:
    """Every mutation this script can make in the functions of a module, in a fixed order."""
    tree = ast.parse(source)
    lines = source.splitlines()
    frozen = _frozen(tree)
    found: list[Site] = []
    seen: dict[tuple[str, str, str], int] = {}
    index = 0
    for function in _functions(tree):
        for node in ast.walk(function):
            if id(node) in frozen or node is function:
                continue
            for kind, replacement in _mutations(node):
                context, before, after = lines[node.lineno - 1].strip(), ast.unparse(node), ast.unparse(replacement)
                nth = seen.get((context, before, after), 0)
                seen[context, before, after] = nth + 1
                found.append(Site(index, kind, function.name, node.lineno, before, after, context, nth))
                index += 1
    return found


class _Mutator(ast.NodeTransformer):
    """Replace the node of ``site`` (found by walking in the same order as :func:`sites`)."""

    def __init__(self, tree: ast.Module, site: Site) -> None:
        self.frozen = _frozen(tree)
        self.site = site
        self.targets: dict[int, ast.AST] = {}
        index = 0
        for function in _functions(tree):
            for node in ast.walk(function):
                if id(node) in self.frozen or node is function:
                    continue
                for _, replacement in _mutations(node):
                    if index == site.index:
                        self.targets[id(node)] = replacement
                    index += 1

    def visit(self, node: ast.AST) -> ast.AST:
        if id(node) in self.targets:
            return ast.copy_location(self.targets[id(node)], node)
        return super().visit(node)


def mutate(source: str, site: Site) -> str:
    """The module's source with ``site`` applied."""
    tree = ast.parse(source)
    mutated = _Mutator(tree, site).visit(tree)
    return ast.unparse(ast.fix_missing_locations(mutated))


def choose(found: list[Site], per_module: int | None, seed: int) -> list[Site]:
    """Up to ``per_module`` sites, spread over the functions and the kinds of change (all if None)."""
    if per_module is None or len(found) <= per_module:
        return found
    rng = random.Random(seed)
    groups: dict[tuple[str, str], list[Site]] = {}
    for site in found:
        groups.setdefault((site.function, site.kind), []).append(site)
    for members in groups.values():
        rng.shuffle(members)
    keys = sorted(groups)
    rng.shuffle(keys)
    chosen: list[Site] = []
    while len(chosen) < per_module:
        for key in keys:
            if groups[key] and len(chosen) < per_module:
                chosen.append(groups[key].pop())
    return sorted(chosen, key=lambda s: s.index)


def _copy_of_the_repository() -> Path:
    work = Path(tempfile.mkdtemp(prefix="qinet-mutants-"))
    shutil.copytree(ROOT / "qinet", work / "qinet", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tests", work / "tests", ignore=shutil.ignore_patterns("__pycache__", "screenshots"))
    shutil.copy(ROOT / "pyproject.toml", work / "pyproject.toml")
    return work


def _run_tests(work: Path, module: str, tests: tuple[str, ...]) -> tuple[bool, float]:
    """Run the module's tests in the copy: (passed, seconds); a run past ``TIMEOUT_S`` counts as failed."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:nbval",
        "-o",
        "addopts=--doctest-modules",
        *tests,
        f"qinet/{module}.py",
    ]
    env = {**os.environ, "PYTHONPATH": str(work), "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg"}
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=work, env=env, capture_output=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return False, time.perf_counter() - start
    return done.returncode == 0, time.perf_counter() - start


def check_module(work: Path, module: str, per_module: int | None, seed: int) -> tuple[int, list[Site]]:
    """Run the chosen mutants of ``module``; return (number run, survivors)."""
    path = work / "qinet" / f"{module}.py"
    original = path.read_text()
    passed, seconds = _run_tests(work, module, CORE[module])
    if not passed:
        print(f"{module}: its tests fail without any mutant; skipped", flush=True)
        return 0, []
    chosen = choose(sites(original), per_module, seed)
    survivors, equivalent = [], 0
    try:
        for site in chosen:
            reason = EQUIVALENT.get((module, *site.key))
            if reason:
                equivalent += 1
                print(f"  equivalent {module}.py {site.describe()}: {reason}", flush=True)
                continue
            path.write_text(mutate(original, site))
            passed, _ = _run_tests(work, module, CORE[module])
            if passed:
                survivors.append(site)
                print(f"  survived  {module}.py {site.describe()}   key {site.key!r}", flush=True)
    finally:
        path.write_text(original)
    run = len(chosen) - equivalent
    killed = run - len(survivors)
    rate = 100 * killed / run if run else 100.0
    print(
        f"{module}: {killed} of {run} mutants killed ({rate:.0f} %; {equivalent} equivalent left out), "
        f"tests {seconds:.1f} s each",
        flush=True,
    )
    return run, survivors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"modules to mutate (default: {', '.join(CORE)})")
    parser.add_argument("--per-module", type=int, default=25, help="mutants per module (default 25)")
    parser.add_argument("--all", action="store_true", help="every possible mutant")
    parser.add_argument("--seed", type=int, default=11, help="which mutants are chosen (default 11)")
    args = parser.parse_args()
    modules = args.modules or list(CORE)
    unknown = sorted(set(modules) - set(CORE))
    if unknown:
        parser.error(f"unknown modules {unknown}; core modules: {', '.join(CORE)}")
    work = _copy_of_the_repository()
    total = survived = 0
    try:
        for module in modules:
            run, survivors = check_module(work, module, None if args.all else args.per_module, args.seed)
            total += run
            survived += len(survivors)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if total:
        print(f"all: {total - survived} of {total} mutants killed ({100 * (total - survived) / total:.0f} %)")


if __name__ == "__main__":
    main()
