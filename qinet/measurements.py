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

TELEPORTATION: tuple[Measurement, ...] = (
    Measurement(
        key="ren2017-teleportation-fidelity",
        quantity="average teleportation fidelity",
        value=0.80,
        uncertainty=0.01,
        unit="",
        conditions="Independent single-photon qubits teleported from a ground observatory to the Micius satellite "
        "through an uplink, over distances of up to 1,400 km; average over six input states in three mutually "
        "unbiased bases",
        source="J.-G. Ren et al., Nature 549, 70 (2017)",
        doi="10.1038/nature23675",
        year=2017,
        label="Ren 2017",
        topic="teleportation",
        parameters={"distance_km": 1400.0},
    ),
    Measurement(
        key="sun2016-teleportation-fidelity",
        quantity="average teleportation fidelity",
        value=0.85,
        uncertainty=0.005,
        unit="",
        conditions="Teleportation over a 30 km optical-fibre network in Hefei with independent sources, the pair "
        "distributed before the Bell-state measurement, and active feed-forward; printed as 0.85 without an error "
        "bar in the abstract of arXiv:1602.07081 (uncertainty = the printed precision)",
        source="Q.-C. Sun et al., Nat. Photon. 10, 671 (2016)",
        doi="10.1038/nphoton.2016.179",
        year=2016,
        label="Sun 2016",
        topic="teleportation",
        parameters={"distance_km": 30.0, "process_fidelity": 0.77},
        kind="approximate",
    ),
    Measurement(
        key="sun2016-process-fidelity",
        quantity="teleportation process fidelity",
        value=0.77,
        uncertainty=0.005,
        unit="",
        conditions="The same experiment, by quantum-process tomography (classical limit 0.5); printed as 0.77 "
        "without an error bar in the abstract of arXiv:1602.07081 (uncertainty = the printed precision)",
        source="Q.-C. Sun et al., Nat. Photon. 10, 671 (2016)",
        doi="10.1038/nphoton.2016.179",
        year=2016,
        label="Sun 2016",
        topic="teleportation",
        parameters={"distance_km": 30.0},
        kind="approximate",
    ),
)


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

DISTRIBUTED: tuple[Measurement, ...] = ()


# --- notebook 10 ---

BLIND: tuple[Measurement, ...] = ()


# --- notebook 11 (entangled clocks and sensors) ---

SENSING: tuple[Measurement, ...] = (
    Measurement(
        key="nichol2022-entanglement-gain",
        quantity="reduction of the single-shot frequency-comparison uncertainty by entangling two clocks",
        value=1.414,
        uncertainty=0.1,
        unit="",
        conditions="Two 88Sr+ optical clocks about 2 m apart entangled through a photonic link, compared with the "
        "same two ions unentangled; published in words only, 'a factor close to √2, as predicted for the "
        "Heisenberg limit' (arXiv:2111.10336), recorded as √2 with ±0.1 standing for 'close to'",
        source="B. C. Nichol et al., Nature 609, 689 (2022)",
        doi="10.1038/s41586-022-05088-z",
        year=2022,
        label="Nichol 2022",
        topic="sensing",
        parameters={"n_clocks": 2.0, "ions_per_clock": 1.0},
        kind="approximate",
    ),
)


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
