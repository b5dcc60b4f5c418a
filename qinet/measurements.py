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
        "distributed before the Bell-state measurement, and active feed-forward; average over four input states "
        "(|t0>, |t1>, |D>, |R>), so not exactly the all-state average; printed as 0.85 without an error bar in the "
        "abstract of arXiv:1602.07081 (uncertainty = the printed precision, not a standard deviation)",
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

REPEATERS: tuple[Measurement, ...] = (
    Measurement(
        key="zhong2015-coherence",
        quantity="memory coherence time",
        value=21600.0,
        uncertainty=1800.0,
        unit="s",
        conditions="Ensemble of 151Eu3+ nuclear spins in a Y2SiO5 crystal at a magnetic-field point insensitive to "
        "field noise, with dynamical decoupling, cryogenic; optically addressable; printed as 'six hours' "
        "(uncertainty: half an hour, the printed precision)",
        source="M. Zhong et al., Nature 517, 177 (2015)",
        doi="10.1038/nature14025",
        year=2015,
        label="Zhong 2015",
        topic="repeaters",
        parameters={"coherence_time_s": 21600.0},
        kind="approximate",
    ),
    Measurement(
        key="wang2017-coherence",
        quantity="memory coherence time",
        value=600.0,
        uncertainty=0.0,
        unit="s",
        conditions="A single 171Yb+ ion's hyperfine qubit, sympathetically cooled by a 138Ba+ ion in the same trap, "
        "thousands of dynamical-decoupling pulses; 'over 10 minutes'",
        source="Y. Wang et al., Nat. Photon. 11, 646 (2017)",
        doi="10.1038/s41566-017-0007-1",
        year=2017,
        label="Wang 2017",
        topic="repeaters",
        parameters={"coherence_time_s": 600.0},
        kind="lower bound",
    ),
    Measurement(
        key="abobeih2018-coherence",
        quantity="memory coherence time",
        value=1.0,
        uncertainty=0.0,
        unit="s",
        conditions="A single NV-centre electron spin in diamond coupled to a multi-qubit nuclear-spin environment, "
        "tailored dynamical decoupling, cryogenic; 'exceeding 1 s'",
        source="M. H. Abobeih et al., Nat. Commun. 9, 2552 (2018)",
        doi="10.1038/s41467-018-04916-z",
        year=2018,
        label="Abobeih 2018",
        topic="repeaters",
        parameters={"coherence_time_s": 1.0},
        kind="lower bound",
    ),
    Measurement(
        key="bradley2019-memory",
        quantity="memory coherence time",
        value=75.0,
        uncertainty=0.0,
        unit="s",
        conditions="A single-qubit memory in a ten-qubit register of spins around one NV centre in diamond "
        "(the electron, the nitrogen and eight 13C nuclear spins); 'over 75 seconds'",
        source="C. E. Bradley et al., Phys. Rev. X 9, 031045 (2019)",
        doi="10.1103/PhysRevX.9.031045",
        year=2019,
        label="Bradley 2019",
        topic="repeaters",
        parameters={"coherence_time_s": 75.0},
        kind="lower bound",
    ),
    Measurement(
        key="bradley2019-entanglement",
        quantity="entanglement storage time",
        value=10.0,
        uncertainty=0.0,
        unit="s",
        conditions="Two-qubit entanglement kept in the same ten-qubit NV-centre register; 'over 10 seconds'",
        source="C. E. Bradley et al., Phys. Rev. X 9, 031045 (2019)",
        doi="10.1103/PhysRevX.9.031045",
        year=2019,
        label="Bradley 2019 (pair)",
        topic="repeaters",
        parameters={"coherence_time_s": 10.0},
        kind="lower bound",
    ),
    Measurement(
        key="bhaskar2020-key-rate-gain",
        quantity="key-rate gain over loss-equivalent direct transmission",
        value=4.0,
        uncertainty=0.5,
        unit="",
        conditions="Memory-assisted MDI-QKD: a single silicon-vacancy spin memory in a nanophotonic diamond "
        "resonator performs asynchronous Bell-state measurements at megahertz clock rates; printed as a "
        "'four-fold increase' of the secret-key rate (uncertainty: the printed precision)",
        source="M. K. Bhaskar et al., Nature 580, 60 (2020)",
        doi="10.1038/s41586-020-2103-5",
        year=2020,
        label="Bhaskar 2020",
        topic="repeaters",
        parameters={"key_rate_gain": 4.0},
        kind="approximate",
    ),
)


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

BELL_TESTS: tuple[Measurement, ...] = (
    Measurement(
        key="hensen2015-chsh",
        quantity="CHSH value S",
        value=2.42,
        uncertainty=0.20,
        unit="",
        conditions="Loophole-free Bell test: event-ready (heralded) entanglement of two electron spins in diamond "
        "1.3 km apart, efficient spin read-out (detection loophole closed) and fast random basis choices at "
        "space-like separation; 245 trials; estimated state fidelity 0.92 ± 0.03",
        source="B. Hensen et al., Nature 526, 682 (2015)",
        doi="10.1038/nature15759",
        year=2015,
        label="Hensen 2015",
        topic="bell_tests",
        parameters={"separation_km": 1.3, "state_fidelity": 0.92, "state_fidelity_error": 0.03, "trials": 245.0},
    ),
    Measurement(
        key="rosenfeld2017-chsh",
        quantity="CHSH value S",
        value=2.221,
        uncertainty=0.033,
        unit="",
        conditions="Loophole-free Bell test: event-ready entanglement of two single trapped atoms 398 m apart, "
        "fast and efficient atomic-state measurements closing the detection and locality loopholes",
        source="W. Rosenfeld et al., Phys. Rev. Lett. 119, 010402 (2017)",
        doi="10.1103/PhysRevLett.119.010402",
        year=2017,
        label="Rosenfeld 2017",
        topic="bell_tests",
        parameters={"separation_km": 0.398},
    ),
    Measurement(
        key="storz2023-chsh",
        quantity="CHSH value S",
        value=2.0747,
        uncertainty=0.0033,
        unit="",
        conditions="Loophole-free Bell test with two superconducting qubits 30 m apart, deterministically "
        "entangled through a cryogenic microwave link; fast high-fidelity read-out along randomly chosen "
        "bases; more than 1 million trials",
        source="S. Storz et al., Nature 617, 265 (2023)",
        doi="10.1038/s41586-023-05885-0",
        year=2023,
        label="Storz 2023",
        topic="bell_tests",
        parameters={"separation_km": 0.030},
    ),
    Measurement(
        key="zhang2022-chsh",
        quantity="CHSH value S",
        value=2.578,
        uncertainty=0.075,
        unit="",
        conditions="Device-independent QKD between two single rubidium atoms trapped in buildings 400 m apart; "
        "event-ready entanglement with fidelity ≥ 0.892 ± 0.023; protocol with a random key basis",
        source="W. Zhang et al., Nature 607, 687 (2022)",
        doi="10.1038/s41586-022-04891-y",
        year=2022,
        label="Zhang 2022",
        topic="bell_tests",
        parameters={"separation_km": 0.4, "state_fidelity_lower_bound": 0.892, "qber": 0.078},
    ),
    Measurement(
        key="zhang2022-qber",
        quantity="quantum bit error rate",
        value=0.078,
        uncertainty=0.009,
        unit="",
        conditions="Key rounds of the same device-independent QKD run (two rubidium atoms 400 m apart, random "
        "key basis), measured together with S = 2.578 ± 0.075",
        source="W. Zhang et al., Nature 607, 687 (2022)",
        doi="10.1038/s41586-022-04891-y",
        year=2022,
        label="Zhang 2022",
        topic="bell_tests",
        parameters={"separation_km": 0.4, "chsh": 2.578},
    ),
    Measurement(
        key="zhang2022-key",
        quantity="asymptotic secret bits per event",
        value=0.07,
        uncertainty=0.005,
        unit="",
        conditions="Secret bits per entanglement-generation event in the asymptotic limit, for the random-key-basis "
        "protocol at the measured S = 2.578 and QBER = 0.078 (two rubidium atoms 400 m apart); printed "
        "without an error bar, the uncertainty is the printed precision",
        source="W. Zhang et al., Nature 607, 687 (2022)",
        doi="10.1038/s41586-022-04891-y",
        year=2022,
        label="Zhang 2022",
        topic="bell_tests",
        parameters={"separation_km": 0.4, "chsh": 2.578, "qber": 0.078},
        kind="approximate",
    ),
    Measurement(
        key="nadlinger2022-key",
        quantity="secret bits per Bell pair",
        value=0.064,
        uncertainty=0.002,
        unit="",
        conditions="Complete device-independent QKD with two trapped-ion qubits in separate traps linked by "
        "optical fibre: 95,628 key bits, secure against general attacks with finite-size effects, from "
        "1.5 million Bell pairs in eight hours; measurements without space-like separation. The ratio's "
        "uncertainty comes from the printed '1.5 million'",
        source="D. P. Nadlinger et al., Nature 607, 682 (2022)",
        doi="10.1038/s41586-022-04941-5",
        year=2022,
        label="Nadlinger 2022",
        topic="bell_tests",
        parameters={"key_bits": 95628.0, "bell_pairs": 1.5e6, "hours": 8.0},
        kind="approximate",
    ),
)


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
        "circuit qubits; '86 % fidelity' as printed in the abstract, which does not say whether it is a process "
        "or an average gate fidelity (uncertainty: the printed precision)",
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

NETWORKS: tuple[Measurement, ...] = (
    Measurement(
        key="humphreys2018-entangling-rate",
        quantity="remote entangling rate",
        value=39.0,
        uncertainty=1.0,
        unit="Hz",
        conditions="NV electron spins in two nodes 2 m apart, single-photon heralding protocol; the highest rate "
        "reported ('up to 39 hertz'), printed without an error bar",
        source="P. C. Humphreys et al., Nature 558, 268 (2018)",
        doi="10.1038/s41586-018-0200-5",
        year=2018,
        label="Humphreys 2018",
        topic="networks",
        parameters={"separation_km": 0.002},
        kind="approximate",
    ),
    Measurement(
        key="humphreys2018-decoherence-rate",
        quantity="decoherence rate of the remote entangled state",
        value=5.0,
        uncertainty=1.0,
        unit="Hz",
        conditions="The same two NV nodes, with dynamical decoupling; printed as 'five hertz' without an error bar",
        source="P. C. Humphreys et al., Nature 558, 268 (2018)",
        doi="10.1038/s41586-018-0200-5",
        year=2018,
        label="Humphreys 2018",
        topic="networks",
        parameters={"separation_km": 0.002},
        kind="approximate",
    ),
    Measurement(
        key="humphreys2018-delivered-fidelity",
        quantity="average fidelity of the pair delivered at every clock cycle",
        value=0.5,
        uncertainty=0.0,
        unit="",
        conditions="Entangling at up to 39 Hz, entanglement decaying at 5 Hz, a fresh state delivered at every clock "
        "cycle of about 100 ms without pre- or post-selection; reported as more than 0.5",
        source="P. C. Humphreys et al., Nature 558, 268 (2018)",
        doi="10.1038/s41586-018-0200-5",
        year=2018,
        label="Humphreys 2018",
        topic="networks",
        parameters={"entangling_rate_hz": 39.0, "decoherence_rate_hz": 5.0, "cycle_s": 0.1},
        kind="lower bound",
    ),
    Measurement(
        key="knaut2024-fidelity",
        quantity="Bell-state fidelity of two nuclear-spin memories",
        value=0.69,
        uncertainty=0.07,
        unit="",
        conditions="Silicon-vacancy nodes in nanophotonic diamond cavities, photons converted to 1,350 nm and sent "
        "through a 35 km deployed fibre loop in the Boston area",
        source="C. M. Knaut et al., Nature 629, 573 (2024)",
        doi="10.1038/s41586-024-07252-z",
        year=2024,
        label="Knaut 2024",
        topic="networks",
        parameters={"fiber_km": 35.0},
    ),
    Measurement(
        key="chen2021-satellite-key-rate",
        quantity="satellite-to-ground secret-key rate per pass",
        value=47.8,
        uncertainty=0.1,
        unit="kbit/s",
        conditions="Decoy-state QKD from the Micius satellite to a ground station of the integrated space-to-ground "
        "network, averaged over a typical pass; printed without an error bar: the uncertainty is the last digit",
        source="Y.-A. Chen et al., Nature 589, 214 (2021)",
        doi="10.1038/s41586-020-03093-8",
        year=2021,
        label="Chen 2021",
        topic="networks",
        parameters={},
        kind="approximate",
    ),
)


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


class UnknownMeasurementError(KeyError, ValueError):
    """No measurement has this key (a ``KeyError``, and a ``ValueError`` like every other bad argument)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def get(key: str) -> Measurement:
    """The measurement with this ``key``; :class:`UnknownMeasurementError` listing close keys otherwise."""
    if not isinstance(key, str):
        raise TypeError(f"key must be a string, got {type(key).__name__}")
    try:
        return _BY_KEY[key]
    except KeyError:
        near = [k for k in _BY_KEY if key.split("-")[0] in k] or sorted(_BY_KEY)[:8]
        raise UnknownMeasurementError(
            f"no measurement {key!r} (unknown key); known keys include {', '.join(near)}"
        ) from None


def by_topic(topic: str) -> tuple[Measurement, ...]:
    """All measurements of one topic (one of :data:`TOPICS`), in the order they are listed."""
    if not isinstance(topic, str):
        raise TypeError(f"topic must be a string, got {type(topic).__name__}")
    if topic not in TOPICS:
        raise ValueError(f"topic must be one of {', '.join(map(repr, TOPICS))}; got {topic!r}")
    return tuple(m for m in ALL if m.topic == topic)


def table_markdown(measurements: tuple[Measurement, ...]) -> str:
    """A Markdown table of measurements: quantity, value, conditions, source with DOI.

    Examples
    --------
    >>> table_markdown(by_topic("entanglement")).splitlines()[0]
    '| quantity | measured | conditions | source |'
    """
    if not isinstance(measurements, (tuple, list)) or not all(isinstance(m, Measurement) for m in measurements):
        raise TypeError(f"measurements must be a tuple of Measurement (e.g. by_topic(...)), got {measurements!r}")
    rows = ["| quantity | measured | conditions | source |", "|---|---|---|---|"]
    for m in measurements:
        sign = {"lower bound": "> ", "upper bound": "< "}.get(m.kind, "")
        err = f" ± {m.uncertainty:g}" if m.kind == "value" and m.uncertainty else ""
        approx = "≈ " if m.kind == "approximate" else ""
        unit = f" {m.unit}" if m.unit else ""
        rows.append(f"| {m.quantity} | {sign}{approx}{m.value:g}{err}{unit} | {m.conditions} | {m.reference} |")
    return "\n".join(rows)
