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

FIBER: tuple[Measurement, ...] = (
    Measurement(
        key="tamura2018-fiber-loss",
        quantity="lowest optical-fibre attenuation",
        value=0.1419,
        uncertainty=0.0001,
        unit="dB/km",
        conditions="Ge-free, fluorine-co-doped silica-core fibre at 1560 nm (0.1424 dB/km at 1550 nm); "
        "printed to 0.1 mdB/km, no error bar given",
        source="Y. Tamura et al., J. Lightwave Technol. 36, 44 (2018)",
        doi="10.1109/JLT.2018.2796647",
        year=2018,
        label="Tamura 2018",
        topic="fiber",
        parameters={"wavelength_nm": 1560.0},
        kind="approximate",
    ),
    Measurement(
        key="boaron2018-bb84-key-rate-405km",
        quantity="secret key rate of BB84 over fibre",
        value=6.5,
        uncertainty=0.05,
        unit="bit/s",
        conditions="Three-state time-bin BB84 with one decoy, 2.5 GHz repetition rate, superconducting detectors, "
        "405 km of ultra-low-loss fibre (the maximum distance was 421 km); printed to 0.1 bit/s",
        source="A. Boaron et al., Phys. Rev. Lett. 121, 190502 (2018)",
        doi="10.1103/PhysRevLett.121.190502",
        year=2018,
        label="Boaron 2018 (BB84)",
        topic="fiber",
        parameters={"length_km": 405.0, "repetition_rate_hz": 2.5e9},
        kind="approximate",
    ),
    Measurement(
        key="minder2019-twin-field-loss",
        quantity="channel loss over which twin-field QKD ran, its key rate exceeding the repeaterless capacity",
        value=90.0,
        uncertainty=0.0,
        unit="dB",
        conditions="First twin-field QKD experiment, fibre spools; 'in excess of 90 dB', key rate above the "
        "repeaterless secret-key capacity in the high-loss regime",
        source="M. Minder et al., Nat. Photon. 13, 334 (2019)",
        doi="10.1038/s41566-019-0377-7",
        year=2019,
        label="Minder 2019 (TF-QKD)",
        topic="fiber",
        parameters={"channel_loss_db": 90.0},
        kind="lower bound",
    ),
    Measurement(
        key="liu2023-twin-field-key-1002km",
        quantity="secret key per pulse of twin-field QKD over fibre",
        value=9.53e-12,
        uncertainty=0.005e-12,
        unit="bit/pulse",
        conditions="Sending-or-not-sending twin-field QKD over 1002 km of spooled fibre, asymptotic key "
        "(8.75e-12 per pulse at 952 km with finite-size effects); printed to three digits",
        source="Y. Liu et al., Phys. Rev. Lett. 130, 210801 (2023)",
        doi="10.1103/PhysRevLett.130.210801",
        year=2023,
        label="Liu 2023 (TF-QKD)",
        topic="fiber",
        parameters={"length_km": 1002.0},
        kind="approximate",
    ),
)


# --- notebook 04 ---

_YIN_PRL = "J. Yin et al., Phys. Rev. Lett. 119, 200501 (2017)"
_YIN_PRL_CONDITIONS = (
    "Micius to the Delingha ground station, one downlink of an entangled pair (the other photon measured on "
    "board), 810 nm; the paper's 'link attenuation'; printed to 1 dB"
)

SATELLITE: tuple[Measurement, ...] = (
    Measurement(
        key="yin2017prl-downlink-530km",
        quantity="downlink attenuation",
        value=29.0,
        uncertainty=0.5,
        unit="dB",
        conditions=_YIN_PRL_CONDITIONS + ", at 530 km slant range (the shortest)",
        source=_YIN_PRL,
        doi="10.1103/PhysRevLett.119.200501",
        year=2017,
        label="Yin 2017 (PRL)",
        topic="satellite",
        parameters={"slant_range_km": 530.0},
        kind="approximate",
    ),
    Measurement(
        key="yin2017prl-downlink-1000km",
        quantity="downlink attenuation",
        value=36.0,
        uncertainty=0.5,
        unit="dB",
        conditions=_YIN_PRL_CONDITIONS + ", at 1,000 km slant range (the longest)",
        source=_YIN_PRL,
        doi="10.1103/PhysRevLett.119.200501",
        year=2017,
        label="Yin 2017 (PRL)",
        topic="satellite",
        parameters={"slant_range_km": 1000.0},
        kind="approximate",
    ),
    Measurement(
        key="yin2017-summed-downlinks-shortest",
        quantity="summed length of the two downlinks, shortest",
        value=1600.0,
        uncertainty=50.0,
        unit="km",
        conditions="Entangled pairs from Micius to Delingha and Lijiang (1,203 km apart); the abstract's "
        "'from 1600 to 2400 kilometers', printed to 100 km",
        source="J. Yin et al., Science 356, 1140 (2017)",
        doi="10.1126/science.aan3211",
        year=2017,
        label="Yin 2017",
        topic="satellite",
        parameters={"separation_km": 1203.0},
        kind="approximate",
    ),
    Measurement(
        key="yin2017-summed-downlinks-longest",
        quantity="summed length of the two downlinks, longest",
        value=2400.0,
        uncertainty=50.0,
        unit="km",
        conditions="Entangled pairs from Micius to Delingha and Lijiang (1,203 km apart); the abstract's "
        "'from 1600 to 2400 kilometers', printed to 100 km",
        source="J. Yin et al., Science 356, 1140 (2017)",
        doi="10.1126/science.aan3211",
        year=2017,
        label="Yin 2017",
        topic="satellite",
        parameters={"separation_km": 1203.0},
        kind="approximate",
    ),
    Measurement(
        key="yin2017-advantage-over-fiber",
        quantity="two-photon link efficiency above 0.16 dB/km fibre",
        value=12.0,
        uncertainty=0.0,
        unit="orders of magnitude",
        conditions="Micius to Delingha and Lijiang, 1,200 km apart, against sending both photons through the "
        "best commercial fibre (0.16 dB/km, 192 dB); 'over 12 orders of magnitude' (arXiv:1707.01339 abstract)",
        source="J. Yin et al., Science 356, 1140 (2017)",
        doi="10.1126/science.aan3211",
        year=2017,
        label="Yin 2017",
        topic="satellite",
        parameters={"separation_km": 1200.0, "fiber_db_per_km": 0.16},
        kind="lower bound",
    ),
    Measurement(
        key="yin2020-receiver-gain",
        quantity="gain in collection efficiency of each downlink over 2017",
        value=3.0,
        uncertainty=0.5,
        unit="dB",
        conditions="New 1.2 m telescopes and receiving optics at Delingha and Nanshan, calibrated against the "
        "distance to the satellite; printed to 1 dB (the two-photon efficiency rose about four-fold)",
        source="J. Yin et al., Nature 582, 501 (2020)",
        doi="10.1038/s41586-020-2401-y",
        year=2020,
        label="Yin 2020",
        topic="satellite",
        parameters={"separation_km": 1120.0},
        kind="approximate",
    ),
    Measurement(
        key="yin2020-advantage-over-fiber",
        quantity="two-photon link efficiency above 0.16 dB/km fibre",
        value=11.0,
        uncertainty=0.5,
        unit="orders of magnitude",
        conditions="Micius to Delingha and Nanshan, 1,120 km apart, against sending both photons through "
        "ultra-low-loss fibre (0.16 dB/km, 179.2 dB); 'eleven orders of magnitude', printed to one order",
        source="J. Yin et al., Nature 582, 501 (2020)",
        doi="10.1038/s41586-020-2401-y",
        year=2020,
        label="Yin 2020",
        topic="satellite",
        parameters={"separation_km": 1120.0, "fiber_db_per_km": 0.16},
        kind="approximate",
    ),
)


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
