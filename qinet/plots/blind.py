"""Figures for blind quantum computing: what the client gets, what the server sees, how traps catch cheats.

Every function takes ``ax=None`` and returns the Axes; nothing here computes physics.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes

from qinet._validate import WrongTypeError, array, boolean, instance, instances, strings, text
from qinet.blind import BlindResult, TrapResult
from qinet.plots.style import COLORS, axes
from qinet.stats import binomial_stderr

ANGLE_LABELS = ["0", "π/4", "π/2", "3π/4", "π", "5π/4", "3π/2", "7π/4"]


def client_output(result: BlindResult, ax: Axes | None = None, legend: bool = True) -> Axes:
    """The client's decoded output frequencies (blue) next to the ideal distribution (grey), a :class:`BlindResult`."""
    result = instance("result", result, BlindResult, "a BlindResult from qinet.blind.blind_rotations")
    legend = boolean("legend", legend)
    ax = axes(ax, figsize=(4.0, 3.4))
    x = np.arange(2)
    measured = [result.output_counts.get(b, 0) / result.shots for b in "01"]
    ax.bar(x - 0.2, measured, 0.4, color=COLORS["alice"], label="client's output (Aer)")
    ax.bar(x + 0.2, result.ideal_probabilities, 0.4, color=COLORS["classical"], label="ideal")
    ax.set_xticks(x, ["0", "1"])
    ax.set_ylim(0, 1.15)
    ax.set_yticks([0, 0.5, 1])
    ax.set_xlabel("output bit")
    ax.set_ylabel("probability")
    ax.set_title("what the client gets")
    if legend:
        ax.legend(loc="upper center", ncols=2, fontsize="small")
    return ax


def server_view(
    histograms: Sequence[np.ndarray], labels: Sequence[str], ax: Axes | None = None, legend: bool = True
) -> Axes:
    """Frequency of each δ the server was told (8 bins), one bar group per run, with the uniform 1/8 line.

    ``histograms`` are counts over the eight angles (e.g. ``delta_histogram(deltas).sum(axis=0)``).
    """
    if not isinstance(histograms, (list, tuple)) or not histograms:
        raise WrongTypeError(f"histograms must be a non-empty list of counts over the 8 angles, got {histograms!r}")
    histograms = [array("histograms", h, length=8, low=0.0, finite=True) for h in histograms]
    if any(h.sum() <= 0 for h in histograms):
        raise ValueError("histograms must each hold some counts (a sum above 0)")
    labels = strings("labels", labels, length=len(histograms), like="histograms")
    legend = boolean("legend", legend)
    ax = axes(ax)
    x = np.arange(8)
    width = 0.8 / max(len(histograms), 1)
    colors = [COLORS["bob"], COLORS["eve"], COLORS["source"], COLORS["repeater"]]
    for k, (hist, label) in enumerate(zip(histograms, labels, strict=True)):
        hist = np.asarray(hist, dtype=float)
        ax.bar(x - 0.4 + width * (k + 0.5), hist / hist.sum(), width, color=colors[k % 4], label=label)
    ax.axhline(1 / 8, color=COLORS["bound"], ls="--", lw=1, label="uniform 1/8")
    ax.set_xticks(x, ANGLE_LABELS)
    ax.set_xlabel("angle δ told to the server")
    ax.set_ylabel("frequency")
    ax.set_ylim(0, 0.2)
    ax.set_yticks([0, 0.05, 0.1, 0.15, 0.2])
    ax.set_title("what the server sees")
    if legend:
        ax.legend(fontsize="small", loc="upper center", ncols=3)
    return ax


def trap_detection(
    cheat_angles: np.ndarray,
    predicted: np.ndarray,
    measured: Sequence[TrapResult] = (),
    ax: Axes | None = None,
    label: str = "predicted f·sin²(ε/2)",
) -> Axes:
    """Detection probability of one trap round vs the server's deviation ε; Aer points (2 s.e. bars)."""
    cheat_angles = array("cheat_angles", cheat_angles, min_length=1, finite=True)
    predicted = array("predicted", predicted, length=len(cheat_angles), like="cheat_angles", low=0.0, high=1.0)
    measured = instances("measured", measured, TrapResult, "a TrapResult from qinet.blind.trap_rounds")
    label = text("label", label)
    ax = axes(ax)
    ax.plot(cheat_angles, predicted, color=COLORS["alice"], label=label)
    for res in measured:
        ax.errorbar(res.cheat_angle, res.detection_rate, yerr=2 * res.stderr, fmt="o", capsize=3, color=COLORS["eve"])
    if measured:
        ax.plot([], [], "o", color=COLORS["eve"], label="trap rounds on Aer")
    ax.set_xticks(np.arange(5) * np.pi / 4, ["0", "π/4", "π/2", "3π/4", "π"])
    ax.set_ylim(-0.03, 1.05)
    ax.set_xlabel("server's deviation ε (rad)")
    ax.set_ylabel("P(trap round catches the server)")
    ax.legend(loc="upper left", fontsize="small")
    return ax


def received_bloch(vectors: Mapping[str, np.ndarray], ax: Axes | None = None) -> Axes:
    """Length of the Bloch vector of each qubit the server receives (0 means I/2), one bar group per case.

    ``vectors`` maps a label (a round type or protocol) to an ``(n, 3)`` array from
    :func:`qinet.blind.bloch_vectors`; the last qubit is the output.
    """
    if not isinstance(vectors, Mapping) or not vectors:
        raise WrongTypeError(f"vectors must be a non-empty mapping of labels to (n, 3) Bloch vectors, got {vectors!r}")
    vectors = {str(k): array(f"vectors[{k!r}]", v, ndim=2, finite=True) for k, v in vectors.items()}
    if any(v.shape[1:] != (3,) or len(v) < 1 for v in vectors.values()):
        raise ValueError("vectors must map each label to an (n, 3) array of Bloch vectors")
    ax = axes(ax, figsize=(5.6, 3.4))
    colors = [COLORS["alice"], COLORS["repeater"], COLORS["bob"], COLORS["eve"]]
    width = 0.8 / max(len(vectors), 1)
    n = 0
    for k, (label, vec) in enumerate(vectors.items()):
        lengths = np.linalg.norm(np.asarray(vec, dtype=float), axis=1)
        n = max(n, len(lengths))
        x = np.arange(len(lengths))
        ax.bar(x - 0.4 + width * (k + 0.5), np.maximum(lengths, 0.01), width, color=colors[k % 4], label=label)
    ax.set_xticks(np.arange(n), [f"{i}" for i in range(n - 1)] + ["output"])
    ax.set_ylim(0, 1.15)
    ax.set_xlabel("qubit the server receives")
    ax.set_ylabel("Bloch-vector length\n(0 = maximally mixed)")
    ax.legend(fontsize="small", loc="upper left")
    return ax


def spy_rates(results: Sequence[TrapResult], labels: Sequence[str], ax: Axes | None = None) -> Axes:
    """A spying server (X on the output, cheats on ``+``): how often it deviates and how often traps catch it.

    One bar group per :class:`qinet.blind.TrapResult`: the fraction of measured qubits it deviated on
    in computation rounds and in trap rounds, and the fraction of trap rounds that caught it (2 s.e.
    error bars, counted per round).
    """
    results = instances("results", results, TrapResult, "a TrapResult from qinet.blind.trap_rounds")
    labels = strings("labels", labels, length=len(results), like="results")
    ax = axes(ax, figsize=(5.6, 3.4))
    kinds = [
        ("deviation_rate", COLORS["bob"], "deviates, computation rounds"),
        ("trap_deviation_rate", COLORS["source"], "deviates, trap rounds"),
        ("detection_rate", COLORS["alice"], "caught in trap rounds"),
    ]
    x = np.arange(len(results))
    for k, (field, color, label) in enumerate(kinds):
        values = np.array([getattr(r, field) for r in results])
        errors = 2 * binomial_stderr(values, np.array([r.shots for r in results]))
        ax.bar(x + (k - 1) * 0.26, values, 0.26, yerr=errors, capsize=3, color=color, label=label)
    ax.set_xticks(x, list(labels))
    ax.set_ylim(0, 1.6)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
    ax.set_ylabel("fraction")
    ax.legend(fontsize="small", loc="upper right")
    return ax
