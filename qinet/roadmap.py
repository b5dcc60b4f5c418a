"""The road to a quantum internet: its stages as data, and what a given link can already do.

We group the six stages of Wehner, Elkouss and Hanson, "Quantum internet: A vision for the road
ahead", Science 362, eaam9288 (2018), doi:10.1126/science.aam9288, into four: trusted-node QKD
(deployed), entanglement distribution without memory, quantum-memory repeater networks, and the
fault-tolerant quantum internet. Each :class:`Stage` lists what it enables, what has been
demonstrated (only figures checked against the cited papers on memories, Micius, clock networks,
blind computing and trusted-node networks), and which notebooks of this suite show its key capability.

:func:`application_feasibility` decides, for a link fidelity ``F``, a memory coherence time ``T₂``
and a distance ``L``, which applications work, each with the reason, using the models in
:mod:`qinet.states`, :mod:`qinet.bounds` and :mod:`qinet.links` (no thresholds are typed in).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from qinet import bounds, links, states
from qinet._validate import in_range, one_of

#: The suite's notebooks in teaching order.
NOTEBOOKS = (
    "00-start-here",
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
    "00a-primer",  # the primer, read before 01; listed last so that NOTEBOOKS[k] stays notebook k
)

#: Classical limit of the average teleportation (measure-and-prepare) fidelity: Massar & Popescu, PRL 74, 1259 (1995).
CLASSICAL_TELEPORTATION_LIMIT = 2.0 / 3.0

APPLICATIONS = ("teleportation", "bb84", "di-qkd", "memory")


@dataclass(frozen=True)
class Demonstration:
    """One experiment: the year, what was shown, the distance in km (None if not a link), the reference,
    and a short label for plots."""

    year: int
    what: str
    distance_km: float | None
    reference: str
    short: str = ""


@dataclass(frozen=True)
class Stage:
    """A stage of the road map: its name, Wehner et al.'s stages it covers, what it enables, demos, notebooks."""

    name: str
    status: str
    wehner_stages: tuple[str, ...]
    enables: str
    demonstrations: tuple[Demonstration, ...]
    notebooks: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage(
        name="Trusted-node QKD",
        status="deployed",
        wehner_stages=("1 · trusted repeater network",),
        enables="Secret keys between any two users, provided every relay node is trusted: the key passes "
        "through each relay in classical form, and the end-to-end rate is the slowest link's.",
        demonstrations=(
            Demonstration(
                2017,
                "Beijing–Shanghai QKD backbone opens: about 2,000 km, 32 trusted relay nodes",
                2000.0,
                "Xinhua news report, September 2017",
                "backbone 2,000 km",
            ),
            Demonstration(
                2017,
                "Micius satellite-to-ground decoy-state QKD, kHz key rate up to 1,200 km; the "
                "satellite is a trusted node",
                1200.0,
                "Liao et al., Nature 549, 43 (2017), doi:10.1038/nature23655",
                "satellite QKD 1,200 km",
            ),
            Demonstration(
                2021,
                "Space-to-ground network: more than 700 fibre QKD links, two satellite–ground "
                "links, 4,600 km end to end",
                4600.0,
                "Chen et al., Nature 589, 214 (2021), doi:10.1038/s41586-020-03093-8",
                "network 4,600 km",
            ),
        ),
        notebooks=("07-qkd-bb84", "08-qkd-e91-and-networks", "04-satellite-links"),
    ),
    Stage(
        name="Entanglement distribution without memory",
        status="demonstrated",
        wehner_stages=("2 · prepare-and-measure network", "3 · entanglement distribution network"),
        enables="End-to-end QKD with no trusted node (BBM92, E91), Bell tests between distant places and, "
        "with good enough pairs, device-independent QKD. Photons are measured as they arrive.",
        demonstrations=(
            Demonstration(
                2017,
                "Micius distributes entangled photons to stations 1,203 km apart: CHSH S = 2.37 ± 0.09",
                1203.0,
                "Yin et al., Science 356, 1140 (2017), doi:10.1126/science.aan3211",
                "pairs 1,203 km",
            ),
            Demonstration(
                2020,
                "Entanglement-based QKD over 1,120 km via Micius: 0.12 bit/s finite-key",
                1120.0,
                "Yin et al., Nature 582, 501 (2020), doi:10.1038/s41586-020-2401-y",
                "QKD 1,120 km",
            ),
        ),
        notebooks=(
            "01-entanglement",
            "02-teleportation",
            "03-fiber-links",
            "04-satellite-links",
            "08-qkd-e91-and-networks",
        ),
    ),
    Stage(
        name="Quantum-memory repeater networks",
        status="in the laboratory",
        wehner_stages=("4 · quantum memory network",),
        enables="Entanglement stored until it is needed: repeater chains that beat the repeaterless PLOB "
        "bound, teleportation of unknown states on demand, entangled clocks and sensor networks.",
        demonstrations=(
            Demonstration(
                2015,
                "Nuclear-spin memory (europium in Y₂SiO₅) with a six-hour coherence time",
                None,
                "Zhong et al., Nature 517, 177 (2015)",
                "memory 6 h",
            ),
            Demonstration(
                2017,
                "Trapped-ion qubit memory with more than ten minutes of coherence",
                None,
                "Wang et al., Nat. Photon. 11, 646 (2017), arXiv:1701.04195",
                "ion > 10 min",
            ),
            Demonstration(
                2018,
                "Single electron spin (NV centre) with more than one second of coherence",
                None,
                "Abobeih et al., Nat. Commun. 9, 2552 (2018), arXiv:1801.01196",
                "NV > 1 s",
            ),
            Demonstration(
                2022,
                "Two entangled Sr⁺ optical clocks about 2 m apart: uncertainty lower by nearly √2",
                0.002,
                "Nichol et al., Nature 609, 689 (2022), doi:10.1038/s41586-022-05088-z",
                "clocks 2 m apart",
            ),
        ),
        notebooks=("05-repeaters-and-memories", "06-purification-and-repeater-generations", "11-quantum-sensing"),
    ),
    Stage(
        name="Fault-tolerant quantum internet",
        status="future",
        wehner_stages=("5 · few-qubit fault-tolerant network", "6 · quantum computing network"),
        enables="Error-corrected links and processors: remote gates between quantum computers (distributed "
        "computing), blind computing on a remote server, repeaters of the second and third generation.",
        demonstrations=(
            Demonstration(
                2012,
                "Blind quantum computing on a photonic four-qubit cluster; the client only "
                "prepares single qubits (one laboratory, not yet a network)",
                None,
                "Barz et al., Science 335, 303 (2012), arXiv:1110.1381",
                "blind QC (one lab)",
            ),
        ),
        notebooks=("09-distributed-computing", "10-blind-computing", "06-purification-and-repeater-generations"),
    ),
)


@dataclass(frozen=True)
class Verdict:
    """Whether ``application`` works on the given link, the number it turns on, its threshold, and why.

    ``margin`` is oriented so that ``margin > 1`` means possible (value over threshold, or threshold
    over value when smaller is better).
    """

    application: str
    label: str
    possible: bool
    value: float
    threshold: float
    margin: float
    reason: str


def werner_qber(fidelity: float) -> float:
    """Bit error rate of a Werner pair measured in the same basis on both sides: ``Q = 2(1 − F)/3``.

    ``ρ = w|Φ+⟩⟨Φ+| + (1 − w) I/4`` gives errors with probability ``(1 − w)/2`` in any basis, and
    ``w = (4F − 1)/3`` (textbook result: Q = (1 − V)/2 with V = w).

    Examples
    --------
    >>> round(werner_qber(0.85), 6)
    0.1
    """
    return float(2.0 * (1.0 - in_range("fidelity", fidelity, 0.25, 1.0)) / 3.0)


def werner_chsh(fidelity: float) -> float:
    """CHSH value of a Werner pair at the optimal settings: ``S = 2√2 w`` (textbook result, CHSH 1969).

    Examples
    --------
    >>> round(werner_chsh(1.0), 6)
    2.828427
    """
    return float(2.0 * math.sqrt(2.0) * states.werner_parameter(fidelity))


def application_feasibility(
    fidelity: float, t2_s: float, length_km: float, *, midpoint: bool = False
) -> tuple[Verdict, ...]:
    """Which applications a link of fidelity ``F``, memories of coherence ``T₂`` and length ``L`` support.

    * ``"teleportation"``: one half of the pair waits in memory for the heralding time ``t_h(L)``
      (:func:`qinet.links.heralding_time`), so ``F' = stored_fidelity(F, t_h, T₂)``; teleportation with it
      has average fidelity ``(2F' + 1)/3`` (Horodecki et al., PRA 60, 1888, 1999), useful above the
      classical 2/3 (Massar & Popescu, PRL 74, 1259, 1995), i.e. ``F' > 1/2``.
    * ``"bb84"`` (entanglement-based BB84/BBM92, photons measured on arrival): QBER ``Q = 2(1 − F)/3``
      must be below the Shor–Preskill threshold, 11.0 % (Shor & Preskill, PRL 85, 441, 2000).
    * ``"di-qkd"``: ``S = 2√2 w`` and that QBER must give a positive device-independent rate (Acín et al.,
      PRL 98, 230501, 2007): ``S`` above about 2.42.
    * ``"memory"``: the memory outlives the heralding round trip, ``T₂ > t_h(L)``.

    Parameters
    ----------
    fidelity : link (Bell-pair) fidelity F in [0.25, 1], Werner noise.
    t2_s : memory coherence time T₂ in s, > 0.
    length_km : link length L in km, ≥ 0.
    midpoint : heralding from a midpoint station (``t_h = L/v`` instead of ``2L/v``).

    Examples
    --------
    >>> [(v.application, v.possible) for v in application_feasibility(0.9, 1e-3, 100.0)]
    [('teleportation', True), ('bb84', True), ('di-qkd', True), ('memory', True)]
    """
    f = float(in_range("fidelity", fidelity, 0.25, 1.0))
    t2 = float(in_range("t2_s", t2_s, 0.0, low_open=True))
    t_h = float(links.heralding_time(in_range("length_km", length_km, 0.0), midpoint=midpoint))
    stored = float(states.stored_fidelity(f, t_h, t2))
    teleport = float(states.teleportation_fidelity(stored))
    limit = CLASSICAL_TELEPORTATION_LIMIT
    qber, q_star = werner_qber(f), bounds.shor_preskill_threshold()
    chsh, s_star = werner_chsh(f), bounds.di_qkd_werner_threshold().chsh
    key = float(bounds.shor_preskill_rate(qber))
    di_key = float(bounds.di_qkd_rate(min(chsh, 2 * math.sqrt(2)), qber))
    ms = t_h * 1e3
    return (
        Verdict(
            "teleportation",
            "Teleportation beats the classical 2/3",
            teleport > limit,
            teleport,
            limit,
            teleport / limit,
            f"F = {f:.3f} stored {ms:.3g} ms (T₂ = {t2:.3g} s) → F′ = {stored:.3f}; "
            f"teleportation fidelity (2F′+1)/3 = {teleport:.3f} {'>' if teleport > limit else '≤'} 2/3",
        ),
        Verdict(
            "bb84",
            "BB84 key (QBER below 11 %)",
            key > 0,
            qber,
            q_star,
            q_star / qber if qber else math.inf,
            f"QBER 2(1−F)/3 = {100 * qber:.1f} % {'<' if key > 0 else '≥'} {100 * q_star:.1f} %: "
            f"secret fraction {key:.3f}",
        ),
        Verdict(
            "di-qkd",
            "Device-independent QKD (S above ≈ 2.42)",
            di_key > 0,
            chsh,
            s_star,
            chsh / s_star,
            f"S = 2√2·w = {chsh:.3f} {'>' if di_key > 0 else '≤'} {s_star:.3f}: DI key fraction {di_key:.3f}",
        ),
        Verdict(
            "memory",
            "Memory outlives the heralding round trip",
            t2 > t_h,
            t2,
            t_h,
            t2 / t_h if t_h else math.inf,
            f"T₂ = {t2:.3g} s {'>' if t2 > t_h else '≤'} heralding time {ms:.3g} ms at {float(length_km):.0f} km",
        ),
    )


def minimum_fidelity(application: str, *, t2_s: float = math.inf, length_km: float = 0.0, tol: float = 1e-10) -> float:
    """The lowest link fidelity at which ``application`` becomes possible (bisection on the verdict).

    ``t2_s = inf`` means a perfect memory. Returns ``nan`` when even ``F = 1`` is not enough.

    Examples
    --------
    >>> round(minimum_fidelity("teleportation"), 6), round(minimum_fidelity("bb84"), 5)
    (0.5, 0.83496)
    """
    app = one_of("application", application, APPLICATIONS[:3])
    t2 = float(in_range("t2_s", t2_s, 0.0, low_open=True))

    def possible(f: float) -> bool:
        verdicts = application_feasibility(f, t2, length_km)
        return next(v.possible for v in verdicts if v.application == app)

    low, high = 0.25, 1.0
    if not possible(high):
        return math.nan
    while high - low > tol:
        mid = (low + high) / 2
        low, high = (low, mid) if possible(mid) else (mid, high)
    return high


def stages_markdown() -> str:
    """The stages as a Markdown table: what each enables and the notebooks (linked) that show it.

    Examples
    --------
    >>> stages_markdown().splitlines()[0]
    '| stage | Wehner et al. stages | what it enables | notebooks |'
    """
    rows = ["| stage | Wehner et al. stages | what it enables | notebooks |", "|---|---|---|---|"]
    for s in STAGES:
        books = ", ".join(f"[{nb}]({nb}.ipynb)" for nb in s.notebooks)
        rows.append(f"| **{s.name}** ({s.status}) | {'; '.join(s.wehner_stages)} | {s.enables} | {books} |")
    return "\n".join(rows)


def demonstrations_markdown() -> str:
    """Every demonstration as a Markdown table row: stage, year, what was shown, distance, reference.

    Examples
    --------
    >>> "1,203 km" in demonstrations_markdown()
    True
    """
    rows = ["| stage | year | what was shown | distance | reference |", "|---|---|---|---|---|"]
    for s in STAGES:
        for d in s.demonstrations:
            far = (
                "—"
                if d.distance_km is None
                else (f"{d.distance_km:,.0f} km" if d.distance_km >= 1 else f"{d.distance_km * 1e3:.0f} m")
            )
            rows.append(f"| {s.name} | {d.year} | {d.what} | {far} | {d.reference} |")
    return "\n".join(rows)
