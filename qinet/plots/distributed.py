"""Figures for distributed quantum computing: remote-gate truth tables, costs, fidelities, circuit splits.

Every function takes ``ax=None`` and returns the Axes; nothing here computes physics.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from numpy.typing import ArrayLike

from qinet._validate import WrongTypeError, array, bits, boolean, instance, instances, named_arrays, number, text
from qinet.distributed import RemoteCNOT, RemoteGateFidelity, TruthTable
from qinet.measurements import Measurement
from qinet.partition import CircuitSplit
from qinet.plots.style import COLORS, axes, measured

_PROTOCOL_COLORS = {"eisert": COLORS["alice"], "teleported": COLORS["bob"], "local": COLORS["classical"]}


def truth_table(table: TruthTable, ax: Axes | None = None) -> Axes:
    """Heat map of P(output | input) from a :class:`qinet.distributed.TruthTable`."""
    table = instance("table", table, TruthTable, "a TruthTable from qinet.distributed.truth_table")
    ax = axes(ax, figsize=(4.2, 3.6))
    labels = ["00", "01", "10", "11"]
    grid = np.array([[table.counts[i].get(o, 0) / table.shots for o in labels] for i in labels])
    ax.imshow(grid, cmap="Blues", vmin=0, vmax=1)
    for (i, j), p in np.ndenumerate(grid):
        ax.text(j, i, f"{p:.2f}", ha="center", va="center", color="white" if p > 0.5 else "black")
    ax.set_xticks(range(4), labels)
    ax.set_yticks(range(4), labels)
    ax.set_xlabel("output  control·target")
    ax.set_ylabel("input  control·target")
    ax.set_title(f"{table.protocol} remote CNOT on Aer")
    ax.grid(False)
    return ax


def protocol_costs(gates: Sequence[RemoteCNOT], ax: Axes | None = None) -> Axes:
    """Bars of Bell pairs (ebits) and classical bits per remote-CNOT protocol (:class:`RemoteCNOT`)."""
    gates = instances("gates", gates, RemoteCNOT, "a RemoteCNOT from qinet.distributed.remote_cnot")
    ax = axes(ax, figsize=(4.8, 3.4))
    x = np.arange(len(gates))
    ax.bar(x - 0.2, [g.ebits for g in gates], 0.4, label="Bell pairs (ebits)", color=COLORS["source"])
    ax.bar(x + 0.2, [g.cbits for g in gates], 0.4, label="classical bits", color=COLORS["classical"])
    ax.set_xticks(x, [g.protocol for g in gates])
    ax.set_ylabel("resources per remote CNOT")
    ax.legend()
    return ax


def remote_fidelity(
    pair_fidelity: np.ndarray,
    curves: Mapping[str, np.ndarray],
    measured: Sequence[RemoteGateFidelity] = (),
    ax: Axes | None = None,
    legend: bool = True,
) -> Axes:
    """Process fidelity vs Bell-pair fidelity: predicted ``curves`` (protocol → array) and Aer points.

    ``measured`` holds :class:`qinet.distributed.RemoteGateFidelity` results (error bars: 2 s.e.).
    """
    pair_fidelity = array("pair_fidelity", pair_fidelity, min_length=1, finite=True)
    curves = named_arrays("curves", curves, length=len(pair_fidelity), like="pair_fidelity")
    measured = instances("measured", measured, RemoteGateFidelity, "a RemoteGateFidelity from qinet.distributed")
    legend = boolean("legend", legend)
    ax = axes(ax)
    for name, values in curves.items():
        style = "--" if name == "local" else "-"
        ax.plot(pair_fidelity, values, style, color=_PROTOCOL_COLORS.get(name), label=f"{name} (predicted)")
    for res in measured:
        ax.errorbar(
            res.pair_fidelity,
            res.process_fidelity,
            yerr=2 * res.stderr,
            fmt="o",
            capsize=3,
            color=_PROTOCOL_COLORS.get(res.protocol),
        )
    if measured:
        ax.plot([], [], "o", color=COLORS["classical"], label="measured on Aer")
    ax.set_xlabel("Bell-pair fidelity F")
    ax.set_ylabel("gate process fidelity $F_e$")
    if legend:
        ax.legend(loc="lower right")
    return ax


def partition_graph(matrix: ArrayLike, partition: ArrayLike, ax: Axes | None = None, title: str = "") -> Axes:
    """Qubits as dots on a circle, processor A on the left half and B on the right; lines are two-qubit gates.

    Gates inside a processor are thin grey chords, gates between them (each one Bell pair) coloured.
    """
    matrix = array("matrix", matrix, ndim=2, low=0.0, finite=True)
    if matrix.shape[0] != matrix.shape[1] or matrix.shape[0] < 2:
        raise ValueError(f"matrix must be a square n × n interaction matrix (n ≥ 2), got shape {matrix.shape}")
    side = bits("partition", partition, length=len(matrix)).astype(int)
    title = text("title", title)
    ax = axes(ax, figsize=(4.0, 4.0))
    pos = np.zeros((len(side), 2))
    for s in (0, 1):
        members = np.flatnonzero(side == s)
        angle = np.linspace(0.6, np.pi - 0.6, len(members)) + (np.pi / 2 if s == 0 else -np.pi / 2)
        pos[members] = np.column_stack([np.cos(angle), np.sin(angle)])
    i, j = np.nonzero(np.triu(matrix))
    remote = side[i] != side[j]
    for mask, color, width, alpha in ((~remote, COLORS["classical"], 0.8, 0.5), (remote, COLORS["eve"], 1.2, 0.7)):
        segments = np.stack([pos[i[mask]], pos[j[mask]]], axis=1)
        ax.add_collection(LineCollection(list(segments), colors=color, linewidths=width, alpha=alpha, zorder=1))
    for s, role in ((0, "alice"), (1, "bob")):
        members = side == s
        ax.scatter(pos[members, 0], pos[members, 1], s=50, color=COLORS[role], zorder=2, label="processor " + "AB"[s])
    ax.set_xlim(-1.2, 1.2)
    ax.set_ylim(-1.2, 1.2)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(title)
    return ax


def split_bars(splits: Sequence[CircuitSplit], ax: Axes | None = None, legend: bool = True) -> Axes:
    """Remote gates (solid) and Bell pairs (hatched) per algorithm, naive split vs min-cut split (log scale)."""
    splits = instances("splits", splits, CircuitSplit, "a CircuitSplit from qinet.partition.split_circuit")
    legend = boolean("legend", legend)
    ax = axes(ax)
    x = np.arange(len(splits))
    naive = splits[0].naive_method if splits else "naive"
    bars = [
        ("naive_remote", COLORS["classical"], "", f"remote gates, {naive} split"),
        ("best_remote", COLORS["repeater"], "", "remote gates, min-cut split"),
        ("naive_pairs", COLORS["classical"], "//", f"Bell pairs, {naive} split"),
        ("best_pairs", COLORS["repeater"], "//", "Bell pairs, min-cut split"),
    ]
    width = 0.2
    for k, (field, color, hatch, label) in enumerate(bars):
        values = [max(getattr(s, field), 0.8) for s in splits]  # a zero shows as a stub on the log axis
        style: dict[str, Any] = (
            {"color": color} if not hatch else {"facecolor": "white", "edgecolor": color, "hatch": hatch}
        )
        ax.bar(x + (k - 1.5) * width, values, width, label=label, **style)
    ax.set_xticks(x, [f"{s.algorithm}\n{s.n_qubits} qubits" for s in splits])
    ax.set_yscale("log")
    top = max([s.naive_remote for s in splits] + [1])
    ax.set_ylim(0.7, top * 30)  # room for the legend above the bars
    ax.set_ylabel("count")
    if legend:
        ax.legend(fontsize="small", ncols=2, loc="upper center")
    return ax


def lab_gates(measurements: Sequence[Measurement], model_levels: Mapping[str, float], ax: Axes | None = None) -> Axes:
    """Published fidelities of teleported two-qubit gates (by year) with the model's values as dashed lines.

    ``model_levels`` maps a label to a model fidelity (e.g. the prediction with a perfect Bell pair).
    """
    measurements = instances("measurements", measurements, Measurement, "a Measurement from qinet.measurements")
    if not isinstance(model_levels, Mapping):
        raise WrongTypeError(f"model_levels must be a mapping of labels to fidelities, got {model_levels!r}")
    model_levels = {str(k): float(number(f"model_levels[{k!r}]", v, 0.0, 1.0)) for k, v in model_levels.items()}
    ax = axes(ax, figsize=(5.6, 3.6))
    styles = iter(["--", ":", "-."])
    for label, level in model_levels.items():
        ax.axhline(level, color=COLORS["alice"], ls=next(styles, "--"), lw=1.5, label=label)
    measured(ax, measurements, x="year")
    years = [m.parameters["year"] for m in measurements]
    if years:
        ax.set_xlim(min(years) - 1.5, max(years) + 2.5)
        ax.set_xticks(sorted(set(years)), [f"{y:.0f}" for y in sorted(set(years))])
    ax.set_ylim(0.8, 1.0)
    ax.set_xlabel("year of the experiment")
    ax.set_ylabel("fidelity of the remote gate")
    ax.legend(loc="center", fontsize="small")
    return ax
