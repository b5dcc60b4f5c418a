"""The road to a quantum internet: the six stages of Wehner, Elkouss & Hanson, as data.

S. Wehner, D. Elkouss, R. Hanson, "Quantum internet: A vision for the road ahead", Science 362,
eaam9288 (2018), doi:10.1126/science.aam9288, define six stages by the functionality each adds (their
Table 1): trusted repeater networks; prepare-and-measure networks (any two nodes can send and measure a
qubit, lost photons may be discarded, so post-selected entanglement distribution belongs here);
entanglement distribution networks (heralded or deterministic entanglement, no post-selection, no memory
needed: device-independent QKD); quantum memory networks (storage at least as long as it takes to make a
pair and send a message: teleporting unknown qubits, blind computing); few-qubit fault-tolerant networks
(clock synchronisation, distributed computing); quantum computing networks.

Each :class:`Stage` lists what it requires and enables, published demonstrations (with their DOIs) and
the notebooks of this suite that show its key capability. Which applications a given link supports, with
loss and rate, is :func:`qinet.applications.application_feasibility` (re-exported here).
"""

from __future__ import annotations

from dataclasses import dataclass

from qinet._validate import positive_int
from qinet.applications import APPLICATION_STAGES as APPLICATION_STAGES
from qinet.applications import APPLICATIONS as APPLICATIONS
from qinet.applications import CLASSICAL_TELEPORTATION_LIMIT as CLASSICAL_TELEPORTATION_LIMIT
from qinet.applications import Verdict as Verdict
from qinet.applications import application_feasibility as application_feasibility
from qinet.applications import minimum_fidelity as minimum_fidelity
from qinet.applications import werner_chsh as werner_chsh
from qinet.applications import werner_qber as werner_qber

#: The suite's notebooks in teaching order.
NOTEBOOKS = (
    "00-start-here",
    "00a-primer",
    "01-entanglement",
    "02-teleportation",
    "03-fiber-links",
    "04-satellite-links",
    "05-repeaters-and-memories",
    "06-purification-and-repeater-generations",
    "07-qkd-bb84",
    "08-qkd-e91-and-networks",
    "09-distributed-computing",
    "10-blind-computing",
    "11-quantum-sensing",
    "12-roadmap",
    "13-quantum-networks",
)


@dataclass(frozen=True)
class Demonstration:
    """One experiment: the year, what was shown, the distance it spans in km (None for a single laboratory),
    the reference, a short label for plots, its DOI (or arXiv identifier) and, when its figures are in
    :mod:`qinet.measurements`, the key of one of them."""

    year: int
    what: str
    distance_km: float | None
    reference: str
    short: str = ""
    doi: str = ""
    measurement: str = ""


@dataclass(frozen=True)
class Stage:
    """A stage of Wehner et al. (2018): its number (1–6), name, status, the functionality it requires (their
    Table 1, in words), what it enables, demonstrations, and the notebooks that show it."""

    number: int
    name: str
    status: str
    requires: str
    enables: str
    demonstrations: tuple[Demonstration, ...]
    notebooks: tuple[str, ...]


_MEMORY_DEMOS = (
    Demonstration(
        2015,
        "Nuclear-spin memory (europium in Y₂SiO₅) with a six-hour coherence time (a memory, not yet a network)",
        None,
        "Zhong et al., Nature 517, 177 (2015)",
        "memory 6 h",
        "10.1038/nature14025",
    ),
    Demonstration(
        2018,
        "NV nodes 2 m apart entangled faster (39 Hz) than the entanglement decays (5 Hz): a pair with fidelity "
        "above 0.5 delivered at every clock tick of about 100 ms",
        0.002,
        "Humphreys et al., Nature 558, 268 (2018)",
        "deterministic delivery",
        "10.1038/s41586-018-0200-5",
        "humphreys2018-entangling-rate",
    ),
    Demonstration(
        2021,
        "A three-node network of NV qubits: entanglement swapping and a three-party GHZ state",
        None,
        "Pompili et al., Science 372, 259 (2021)",
        "three nodes",
        "10.1126/science.abg1919",
    ),
    Demonstration(
        2022,
        "Teleportation of a qubit between non-neighbouring nodes of the three-node network, above the classical limit",
        None,
        "Hermans et al., Nature 605, 663 (2022)",
        "teleportation",
        "10.1038/s41586-022-04697-y",
    ),
    Demonstration(
        2022,
        "Two entangled Sr⁺ optical clocks about 2 m apart (time-limited clock comparison)",
        0.002,
        "Nichol et al., Nature 609, 689 (2022)",
        "entangled clocks",
        "10.1038/s41586-022-05088-z",
    ),
    Demonstration(
        2023,
        "Trapped-ion repeater node: entanglement over two 25 km fibres swapped into one over 50 km",
        50.0,
        "Krutyanskiy et al., Phys. Rev. Lett. 130, 213601 (2023)",
        "ion repeater 50 km",
        "10.1103/PhysRevLett.130.213601",
    ),
    Demonstration(
        2012,
        "Blind quantum computing on a photonic four-qubit cluster; the client only prepares single qubits "
        "(one laboratory, the application this stage enables)",
        None,
        "Barz et al., Science 335, 303 (2012)",
        "blind QC (one lab)",
        "10.1126/science.1214707",
    ),
)

STAGES: tuple[Stage, ...] = (
    Stage(
        1,
        "Trusted repeater network",
        "deployed",
        "QKD between neighbouring nodes; every intermediate node is trusted",
        "Secret keys between distant users, provided every relay is trusted: the key passes through each relay "
        "in classical form, and the end-to-end rate is the slowest link's.",
        (
            Demonstration(
                2017,
                "Beijing–Shanghai QKD backbone opens: about 2,000 km, 32 trusted relay nodes",
                2000.0,
                "Xinhua news report, September 2017",
                "backbone 2,000 km",
            ),
            Demonstration(
                2017,
                "Micius satellite-to-ground decoy-state QKD, kHz key rate up to 1,200 km; the satellite is a "
                "trusted node",
                1200.0,
                "Liao et al., Nature 549, 43 (2017)",
                "satellite QKD 1,200 km",
                "10.1038/nature23655",
            ),
            Demonstration(
                2021,
                "Space-to-ground network: more than 700 fibre QKD links, two satellite–ground links, 4,600 km "
                "end to end",
                4600.0,
                "Chen et al., Nature 589, 214 (2021)",
                "network 4,600 km",
                "10.1038/s41586-020-03093-8",
            ),
        ),
        ("07-qkd-bb84", "08-qkd-e91-and-networks", "04-satellite-links"),
    ),
    Stage(
        2,
        "Prepare-and-measure network",
        "demonstrated between pairs of users",
        "Any node prepares a qubit and sends it to any other, which measures it; lost photons may be discarded "
        "(post-selection), so post-selected entanglement distribution belongs here",
        "End-to-end QKD with no trusted node (BB84, or BBM92/E91 on post-selected pairs), two-party "
        "cryptography, position verification.",
        (
            Demonstration(
                2017,
                "Micius sends entangled photons to stations 1,203 km apart, kept when both arrive: CHSH "
                "S = 2.37 ± 0.09",
                1203.0,
                "Yin et al., Science 356, 1140 (2017)",
                "pairs 1,203 km",
                "10.1126/science.aan3211",
                "yin2017-chsh",
            ),
            Demonstration(
                2020,
                "Entanglement-based QKD over 1,120 km via Micius: 0.12 bit/s finite-key",
                1120.0,
                "Yin et al., Nature 582, 501 (2020)",
                "QKD 1,120 km",
                "10.1038/s41586-020-2401-y",
            ),
        ),
        ("01-entanglement", "03-fiber-links", "04-satellite-links", "07-qkd-bb84", "08-qkd-e91-and-networks"),
    ),
    Stage(
        3,
        "Entanglement distribution network",
        "two-node links up to tens of km",
        "Heralded or deterministic entanglement between any two nodes, measured at once; no post-selection on "
        "detection events; no memory needed",
        "Device-independent QKD (and device-independent versions of prepare-and-measure protocols).",
        (
            Demonstration(
                2015,
                "Loophole-free Bell test with heralded entanglement of NV electron spins 1.3 km apart: "
                "S = 2.42 ± 0.20 in 245 trials",
                1.3,
                "Hensen et al., Nature 526, 682 (2015)",
                "Bell test 1.3 km",
                "10.1038/nature15759",
            ),
            Demonstration(
                2022,
                "Device-independent QKD between two trapped-ion memories: 95,628 key bits from 1.5 million Bell "
                "pairs in eight hours",
                None,
                "Nadlinger et al., Nature 607, 682 (2022)",
                "DI-QKD ions",
                "10.1038/s41586-022-04941-5",
            ),
            Demonstration(
                2022,
                "Device-independent QKD system with single atoms in buildings 400 m apart: S = 2.578(75), "
                "QBER 0.078(9)",
                0.4,
                "Zhang et al., Nature 607, 687 (2022)",
                "DI-QKD atoms 400 m",
                "10.1038/s41586-022-04891-y",
            ),
            Demonstration(
                2021,
                "Telecom-heralded entanglement between two multimode solid-state memories",
                None,
                "Lago-Rivera et al., Nature 594, 37 (2021)",
                "multimode memories",
                "10.1038/s41586-021-03481-8",
            ),
            Demonstration(
                2022,
                "Heralded entanglement of two single-atom memories over up to 33 km of telecom fibre",
                33.0,
                "van Leent et al., Nature 607, 69 (2022)",
                "atoms 33 km",
                "10.1038/s41586-022-04764-4",
            ),
            Demonstration(
                2024,
                "SiV nanophotonic memory nodes entangled through a 35 km deployed fibre loop in Boston; nuclear spins "
                "store the entanglement for about a second (a step towards stage 4)",
                35.0,
                "Knaut et al., Nature 629, 573 (2024)",
                "SiV 35 km",
                "10.1038/s41586-024-07252-z",
                "knaut2024-fidelity",
            ),
            Demonstration(
                2024,
                "Three atomic-ensemble memory nodes in Hefei, up to 12.5 km apart; entanglement stored longer than the "
                "round-trip communication time (a step towards stage 4)",
                12.5,
                "Liu et al., Nature 629, 579 (2024)",
                "Hefei 3 nodes",
                "arXiv:2309.00221",
            ),
            Demonstration(
                2024,
                "Heralded entanglement of NV nodes in Delft and The Hague, 10 km apart over 25 km of deployed fibre",
                10.0,
                "Stolk et al., Sci. Adv. 10, eadp6442 (2024)",
                "Delft–The Hague",
                "10.1126/sciadv.adp6442",
            ),
        ),
        ("01-entanglement", "08-qkd-e91-and-networks"),
    ),
    Stage(
        4,
        "Quantum memory network",
        "laboratory networks",
        "Storage of qubits at least as long as it takes to make one pair and send one message, with universal "
        "local control at the end nodes",
        "Teleporting unknown qubits on demand, entanglement distillation, blind quantum computing, secret "
        "sharing, time-limited clock synchronisation, longer-baseline telescopes.",
        _MEMORY_DEMOS,
        (
            "02-teleportation",
            "05-repeaters-and-memories",
            "06-purification-and-repeater-generations",
            "10-blind-computing",
            "11-quantum-sensing",
        ),
    ),
    Stage(
        5,
        "Few-qubit fault-tolerant network",
        "future",
        "Fault-tolerant local operations on a few logical qubits, so storage and circuit depth are no longer "
        "limited by errors",
        "Clock synchronisation beyond the time-limited kind, distributed quantum computation on few qubits.",
        (),
        ("09-distributed-computing", "11-quantum-sensing"),
    ),
    Stage(
        6,
        "Quantum computing network",
        "future",
        "End nodes that are quantum computers beyond classical simulation",
        "Leader election, fast Byzantine agreement, coin flipping with arbitrarily small bias, secure "
        "multi-party quantum computation, distributed computation at scale.",
        (),
        ("09-distributed-computing",),
    ),
)


def stage(number: int) -> Stage:
    """The stage with Wehner et al.'s number 1–6.

    Examples
    --------
    >>> stage(4).name
    'Quantum memory network'
    """
    n = positive_int("number", number)
    if n > len(STAGES):
        raise ValueError(f"number must be a whole number in 1..{len(STAGES)}, got {number!r}")
    return STAGES[n - 1]


def stages_of(notebook: str) -> tuple[int, ...]:
    """The numbers of the stages whose key capability ``notebook`` shows.

    Examples
    --------
    >>> stages_of("10-blind-computing")
    (4,)
    """
    if not isinstance(notebook, str) or notebook not in NOTEBOOKS:
        raise ValueError(f"notebook must be one of the suite's notebooks ({', '.join(NOTEBOOKS)}), got {notebook!r}")
    return tuple(s.number for s in STAGES if notebook in s.notebooks)


def stages_markdown() -> str:
    """The stages as a Markdown table: what each requires and enables, and the notebooks (linked) that show it.

    Examples
    --------
    >>> stages_markdown().splitlines()[0]
    '| stage | requires | enables | notebooks |'
    """
    rows = ["| stage | requires | enables | notebooks |", "|---|---|---|---|"]
    for s in STAGES:
        books = ", ".join(f"[{nb[:2]}]({nb}.ipynb)" for nb in s.notebooks)
        rows.append(f"| **{s.number} · {s.name}** ({s.status}) | {s.requires} | {s.enables} | {books} |")
    return "\n".join(rows)


def _distance(km: float | None) -> str:
    if km is None:
        return "one laboratory"
    return f"{km:,.0f} km" if km >= 100 else (f"{km:g} km" if km >= 1 else f"{km * 1e3:.0f} m")


def demonstrations_markdown() -> str:
    """Every demonstration as a Markdown table row: stage, year, what was shown, distance, reference with link.

    Examples
    --------
    >>> "1,203 km" in demonstrations_markdown()
    True
    """
    rows = ["| stage | year | what was shown | distance | reference |", "|---|---|---|---|---|"]
    for s in STAGES:
        for d in sorted(s.demonstrations, key=lambda d: d.year):
            if d.doi.startswith("arXiv:"):
                link = f" [{d.doi}](https://arxiv.org/abs/{d.doi[6:]})"
            else:
                link = f" [doi:{d.doi}](https://doi.org/{d.doi})" if d.doi else ""
            rows.append(f"| {s.number} | {d.year} | {d.what} | {_distance(d.distance_km)} | {d.reference}{link} |")
    return "\n".join(rows)
