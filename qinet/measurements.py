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

QKD: tuple[Measurement, ...] = (
    Measurement(
        key="gobby2004-reach",
        quantity="fibre length over which a key was distributed",
        value=122.0,
        uncertainty=0.0,
        unit="km",
        conditions="QKD with weak laser pulses over standard telecom fibre; the experiment whose parameters "
        "the decoy-state models use (α = 0.21 dB/km, η_Bob = 0.045, Y0 = 1.7e-6, e_d = 3.3 %)",
        source="C. Gobby, Z. L. Yuan, A. J. Shields, Appl. Phys. Lett. 84, 3762 (2004)",
        doi="10.1063/1.1738173",
        year=2004,
        label="GYS 2004",
        topic="qkd",
        parameters={"length_km": 122.0},
        kind="lower bound",
    ),
    Measurement(
        key="boaron2018-reach",
        quantity="fibre length over which a secret key was distributed",
        value=421.0,
        uncertainty=0.0,
        unit="km",
        conditions="three-state time-bin protocol with one decoy at a 2.5 GHz pulse rate, superconducting "
        "single-photon detectors, ultra-low-loss fibre",
        source="A. Boaron et al., Phys. Rev. Lett. 121, 190502 (2018)",
        doi="10.1103/PhysRevLett.121.190502",
        year=2018,
        label="Boaron 2018",
        topic="qkd",
        parameters={"length_km": 421.0},
        kind="lower bound",
    ),
    Measurement(
        key="boaron2018-rate",
        quantity="secret key rate",
        value=6.5,
        uncertainty=0.05,
        unit="bit/s",
        conditions="same system over 405 km of ultra-low-loss fibre at a 2.5 GHz pulse rate "
        "(2.6e-9 bits per pulse); printed as 6.5 bps without an error bar",
        source="A. Boaron et al., Phys. Rev. Lett. 121, 190502 (2018)",
        doi="10.1103/PhysRevLett.121.190502",
        year=2018,
        label="Boaron 2018",
        topic="qkd",
        parameters={"length_km": 405.0, "repetition_rate_hz": 2.5e9},
        kind="approximate",
    ),
    Measurement(
        key="liu2023-tf-rate",
        quantity="secret key rate per pulse, asymptotic",
        value=9.53e-12,
        uncertainty=0.005e-12,
        unit="bit/pulse",
        conditions="twin-field QKD (3-intensity sending-or-not-sending with actively-odd-parity pairing) over "
        "1,002 km of fibre; superconducting detectors with system noise about 0.02 Hz; asymptotic key; "
        "printed without an error bar",
        source="Y. Liu et al., Phys. Rev. Lett. 130, 210801 (2023)",
        doi="10.1103/PhysRevLett.130.210801",
        year=2023,
        label="Liu 2023",
        topic="qkd",
        parameters={"length_km": 1002.0},
        kind="approximate",
    ),
    Measurement(
        key="liu2023-tf-rate-finite",
        quantity="secret key rate per pulse, with finite-size effects",
        value=8.75e-12,
        uncertainty=0.005e-12,
        unit="bit/pulse",
        conditions="the same twin-field system over 952 km of fibre, key computed with finite-size effects; "
        "printed without an error bar",
        source="Y. Liu et al., Phys. Rev. Lett. 130, 210801 (2023)",
        doi="10.1103/PhysRevLett.130.210801",
        year=2023,
        label="Liu 2023 (finite)",
        topic="qkd",
        parameters={"length_km": 952.0},
        kind="approximate",
    ),
    Measurement(
        key="liao2017-satellite-reach",
        quantity="satellite-to-ground distance over which a key was distributed",
        value=1200.0,
        uncertainty=0.0,
        unit="km",
        conditions="decoy-state QKD from the Micius satellite in low Earth orbit to a ground station, through "
        "free space and the atmosphere (not fibre); key rates of kilohertz",
        source="S.-K. Liao et al., Nature 549, 43 (2017)",
        doi="10.1038/nature23655",
        year=2017,
        label="Liao 2017 (satellite)",
        topic="qkd",
        parameters={"distance_km": 1200.0},
        kind="lower bound",
    ),
)


# --- notebook 08 (loophole-free Bell tests, DI-QKD, trusted-node networks) ---

BELL_TESTS: tuple[Measurement, ...] = ()


# --- notebook 09 ---

DISTRIBUTED: tuple[Measurement, ...] = ()


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
