"""Published experimental results that the suite's models are compared with.

Each :class:`Measurement` records what was measured, the value with its uncertainty as published,
the conditions (in words, and as numbers a model can take in ``parameters``), and the paper with
its DOI. Notebooks draw them beside the models (in the palette's "measurement" colour) and test
the agreement, or the stated gap, with :mod:`qinet.checks`.

Uncertainties: ``kind="value"`` gives one standard deviation as published; ``"approximate"`` is a
figure printed without an error bar, whose ``uncertainty`` is the precision it is printed to (say
so in ``conditions``); ``"lower bound"`` / ``"upper bound"`` are limits ("more than 10 minutes").

Examples
--------
>>> m = get("yin2017-chsh")
>>> m.value, m.uncertainty, m.label
(2.37, 0.09, 'Yin 2017')
>>> len(by_topic("entanglement")) >= 1
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

KINDS = ("value", "approximate", "lower bound", "upper bound")


@dataclass(frozen=True)
class Measurement:
    """One published experimental figure.

    Attributes
    ----------
    key : a stable identifier, ``"<first author><year>-<what>"``.
    quantity : what was measured, in words ("downlink loss", "CHSH value S").
    value, uncertainty : the figure and its uncertainty (see ``kind``), in ``unit``.
    unit : "dB", "s", "bit/s", "" for pure numbers.
    conditions : how it was measured, in words (distance, wavelength, apertures, ...).
    source : authors, journal, volume, page (year).
    doi : the DOI (``"10.1103/PhysRevLett.119.200501"``) or an arXiv identifier.
    year : year of publication.
    label : a short label for plots ("Yin 2017").
    topic : the notebook topic it belongs to (see :data:`TOPICS`).
    parameters : the conditions as numbers a model takes (``{"slant_range_km": 530.0}``).
    kind : one of :data:`KINDS`.
    """

    key: str
    quantity: str
    value: float
    uncertainty: float
    unit: str
    conditions: str
    source: str
    doi: str
    year: int
    label: str
    topic: str
    parameters: Mapping[str, float] = field(default_factory=dict, compare=False)
    kind: str = "value"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(map(repr, KINDS))}; got {self.kind!r}")
        if not self.uncertainty >= 0:
            raise ValueError(f"uncertainty must be >= 0, got {self.uncertainty!r}")
        object.__setattr__(self, "parameters", MappingProxyType(dict(self.parameters)))

    def __hash__(self) -> int:
        return hash(self.key)

    @property
    def reference(self) -> str:
        """``source, doi:…`` for a references list."""
        return f"{self.source}, doi:{self.doi}"


# One tuple per topic, in teaching order. Add entries to the topic they belong to.

# --- notebook 01 ---

ENTANGLEMENT: tuple[Measurement, ...] = (
    Measurement(
        key="yin2017-chsh",
        quantity="CHSH value S",
        value=2.37,
        uncertainty=0.09,
        unit="",
        conditions="Entangled photon pairs from the Micius satellite to Delingha and Lijiang, 1,203 km apart; "
        "measured under Einstein locality conditions",
        source="J. Yin et al., Science 356, 1140 (2017)",
        doi="10.1126/science.aan3211",
        year=2017,
        label="Yin 2017",
        topic="entanglement",
        parameters={"separation_km": 1203.0},
    ),
)

# --- notebook 02 ---

TELEPORTATION: tuple[Measurement, ...] = ()


# --- notebook 03 ---

FIBER: tuple[Measurement, ...] = ()


# --- notebook 04 ---

SATELLITE: tuple[Measurement, ...] = ()


# --- notebook 05 (memories, repeater links) ---

REPEATERS: tuple[Measurement, ...] = ()


# --- notebook 06 ---

PURIFICATION: tuple[Measurement, ...] = ()


# --- notebook 07 (BB84, decoy-state and twin-field QKD, satellite QKD) ---

QKD: tuple[Measurement, ...] = ()


# --- notebook 08 (loophole-free Bell tests, DI-QKD, trusted-node networks) ---

BELL_TESTS: tuple[Measurement, ...] = ()


# --- notebook 09 ---

DISTRIBUTED: tuple[Measurement, ...] = (
    Measurement(
        key="wan2019-teleported-cnot",
        quantity="entanglement fidelity of a teleported CNOT",
        value=0.8585,
        uncertainty=0.0069,
        unit="",
        conditions="CNOT teleported between two trapped-ion qubits in separated zones of one trap, using one "
        "shared entangled pair, local operations and real-time conditional operations (quantum gate "
        "teleportation); published as the interval [0.845, 0.872] at 95 % confidence, stored as its midpoint "
        "with one standard deviation = half-width / 1.96",
        source="Y. Wan et al., Science 364, 875 (2019)",
        doi="10.1126/science.aaw9415",
        year=2019,
        label="Wan 2019",
        topic="distributed",
        parameters={"year": 2019.0, "bell_pairs_per_gate": 1.0},
    ),
    Measurement(
        key="main2025-teleported-cz",
        quantity="fidelity of a CZ gate teleported between two ion-trap modules",
        value=0.86,
        uncertainty=0.005,
        unit="",
        conditions="two trapped-ion modules about 2 m apart joined by a photonic link; heralded remote "
        "entanglement between network qubits, then one Bell pair and two classical bits per gate between "
        "circuit qubits; '86 % fidelity' as printed in the abstract (uncertainty: the printed precision)",
        source="D. Main, P. Drmota, D. P. Nadlinger, E. M. Ainley, A. Agrawal, B. C. Nichol, R. Srinivas, "
        "G. Araneda, D. M. Lucas, Nature 638, 383 (2025)",
        doi="10.1038/s41586-024-08404-x",
        year=2025,
        label="Main 2025",
        topic="distributed",
        parameters={"year": 2025.0, "bell_pairs_per_gate": 1.0, "separation_m": 2.0},
        kind="approximate",
    ),
)


# --- notebook 10 ---

BLIND: tuple[Measurement, ...] = ()


# --- notebook 11 (entangled clocks and sensors) ---

SENSING: tuple[Measurement, ...] = ()


# --- notebook 12–13 (multi-node memory networks) ---

NETWORKS: tuple[Measurement, ...] = ()


ALL: tuple[Measurement, ...] = (
    ENTANGLEMENT
    + TELEPORTATION
    + FIBER
    + SATELLITE
    + REPEATERS
    + PURIFICATION
    + QKD
    + BELL_TESTS
    + DISTRIBUTED
    + BLIND
    + SENSING
    + NETWORKS
)

TOPICS = tuple(dict.fromkeys(m.topic for m in ALL))

_BY_KEY = {m.key: m for m in ALL}
if len(_BY_KEY) != len(ALL):
    raise RuntimeError("two measurements share a key")


def get(key: str) -> Measurement:
    """The measurement with this ``key``; ``KeyError`` listing close keys otherwise."""
    if not isinstance(key, str):
        raise TypeError(f"key must be a string, got {type(key).__name__}")
    try:
        return _BY_KEY[key]
    except KeyError:
        near = [k for k in _BY_KEY if key.split("-")[0] in k] or sorted(_BY_KEY)[:8]
        raise KeyError(f"no measurement {key!r}; known keys include {', '.join(near)}") from None


def by_topic(topic: str) -> tuple[Measurement, ...]:
    """All measurements of one topic, in the order they are listed."""
    if not isinstance(topic, str):
        raise TypeError(f"topic must be a string, got {type(topic).__name__}")
    return tuple(m for m in ALL if m.topic == topic)


def table_markdown(measurements: tuple[Measurement, ...]) -> str:
    """A Markdown table of measurements: quantity, value, conditions, source with DOI.

    Examples
    --------
    >>> table_markdown(by_topic("entanglement")).splitlines()[0]
    '| quantity | measured | conditions | source |'
    """
    rows = ["| quantity | measured | conditions | source |", "|---|---|---|---|"]
    for m in measurements:
        sign = {"lower bound": "> ", "upper bound": "< "}.get(m.kind, "")
        err = f" ± {m.uncertainty:g}" if m.kind == "value" and m.uncertainty else ""
        approx = "≈ " if m.kind == "approximate" else ""
        unit = f" {m.unit}" if m.unit else ""
        rows.append(f"| {m.quantity} | {sign}{approx}{m.value:g}{err}{unit} | {m.conditions} | {m.reference} |")
    return "\n".join(rows)
