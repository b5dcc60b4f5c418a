"""No qinet call can kill a Binder kernel or run for minutes: sizes are refused before anything is allocated.

Each case reproduces a call that once peaked at gigabytes, ran for minutes or crashed (issue 11), or
asks for a size no session can hold. It runs in a forked child limited to ~700 MB more memory and a
few seconds (``tests/isolation.py``), so a missing limit fails the test instead of the machine. A
case must either be refused with a ``ValueError`` naming the parameter (before the child's memory
cap or time limit stops it), or finish with a finite answer (constant-time formulas).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from isolation import run_isolated

import qinet._limits as limits
from qinet import (
    blind,
    circuits,
    e91,
    entangle,
    generations,
    keyrates,
    links,
    orbits,
    postprocessing,
    purification,
    qkd,
    repeater_sim,
    repeaters,
    roadmap,
    sim,
    states,
    trusted,
)

SECONDS = 20.0
MEMORY_MB = 700


def _bell():
    from qinet.circuits import bell_pair

    qc = bell_pair()
    qc.measure_all()
    return qc


def _teleport_measured():
    from qiskit import ClassicalRegister

    from qinet.circuits import teleportation

    qc = teleportation(1.0, 0.5)
    out = ClassicalRegister(1, "out")
    qc.add_register(out)
    qc.measure(2, out[0])
    return qc


def _short_deadline(call):
    """Run ``call`` with a 1 s time budget (the child's copy of ``MAX_SECONDS`` only)."""

    def wrapped():
        limits.MAX_SECONDS = 1.0
        return call()

    return wrapped


# (id, call, what must happen: the parameter a refusal names, or None for "finishes with a finite answer")
CASES = [
    # reproductions from the issue
    ("sim.run 3e7 shots (3.1 GB)", lambda: sim.run(_bell(), shots=3 * 10**7), "shots"),
    ("entangle.chsh 1e8 shots (> 9 GB)", lambda: entangle.chsh(0.9, shots=10**8), "shots"),
    ("e91 3e7 pairs (3.6 GB)", lambda: e91.e91(3 * 10**7), "n_pairs"),
    ("qkd.bb84 1e8 qubits (2.4 GB)", lambda: qkd.bb84(10**8), "n_qubits"),
    (
        "simulate_chain 1e8 pairs (3.6 GB)",
        lambda: repeater_sim.simulate_chain(4, 0.1, 10**8),
        "n_pairs",
    ),
    (
        "expected_rounds 1e9 links (> 9 GB as an array)",
        lambda: repeaters.expected_rounds(0.01, 10**9),
        None,
    ),
    (
        "decoy_rate 1e5 lengths with mu optimised (3.5 GB)",
        lambda: keyrates.decoy_rate(np.linspace(0, 200, 10**5), mu=None),
        "length_km",
    ),
    (
        "blind.trap_rounds 11 qubits, 1e5 shots (minutes)",
        lambda: blind.trap_rounds(11, shots=10**5),
        "shots",
    ),
    (
        "roadmap.minimum_fidelity tol=0 (never returned)",
        lambda: roadmap.minimum_fidelity("bb84", tol=0.0),
        "tol",
    ),
    (
        "decoy_rate dark_count=0 (message about a parameter 'p')",
        lambda: keyrates.decoy_rate(1000.0, dark_count=0.0),
        None,  # no dark counts is a valid detector: a tiny but finite rate at 1,000 km
    ),
    (
        "final_key_length with negative leaked bits (returned 12,136 bits)",
        lambda: postprocessing.final_key_length(10000, 0.05, -5000),
        "leaked_bits",
    ),
    # sizes no session can hold, in this branch's modules
    (
        "an array argument of 1e9 values",
        lambda: links.fiber_transmittance(np.broadcast_to(1.0, (10**9,))),
        "length_km",
    ),
    ("ghz of 1e6 qubits", lambda: circuits.ghz(10**6), "n"),
    (
        "entanglement_swap of 1e5 links",
        lambda: circuits.entanglement_swap(10**5),
        "n_links",
    ),
    (
        "a 20-qubit density matrix (16 TB)",
        lambda: sim.final_state(circuits.ghz(20)),
        "qubits",
    ),
    (
        "1e6 shots of teleportation, run shot by shot (~80 s)",
        lambda: sim.run(_teleport_measured(), shots=10**6),
        "shots",
    ),
    ("e91.chsh_test 1e8 shots", lambda: e91.chsh_test(0.9, 10**8), "shots"),
    (
        "trusted.random_hop_keys 10 keys of 1e9 bits",
        lambda: trusted.random_hop_keys(10, 10**9),
        "length",
    ),
    ("trusted.swapped_key 1e8 rounds", lambda: trusted.swapped_key(2, 10**8), "rounds"),
    (
        "trusted.hop_lengths 1e9 relays",
        lambda: trusted.hop_lengths(100.0, 10**9),
        "n_relays",
    ),
    (
        "orbits.satellite_pass 1e9 points",
        lambda: orbits.satellite_pass(n_points=10**9),
        "n_points",
    ),
    (
        "purification.swap_chain_fidelity 500 links, 1e6 shots",
        lambda: purification.swap_chain_fidelity(500, 0.9, shots=10**6),
        "shots",
    ),
    (
        "simulate_first_generation 2^30 links",
        lambda: generations.simulate_first_generation(1000.0, 30, 10),
        "n_pairs",
    ),
    (
        "simulate_chain with a cutoff that never completes (stopped by the deadline)",
        _short_deadline(lambda: repeater_sim.simulate_chain(8, 1e-4, 100_000, cutoff_rounds=0, max_rounds=10**9)),
        "cutoff_rounds",
    ),
    ("states.purify 1e9 rounds", lambda: states.purify(0.9, 10**9), "rounds"),
    (
        "first_generation_rate nesting 1e6",
        lambda: generations.first_generation_rate(1000.0, 10**6),
        "nesting_level",
    ),
    (
        "chain_fidelity 1e9 links (constant time)",
        lambda: states.chain_fidelity(0.99, 10**9),
        None,
    ),
]


@pytest.mark.parametrize(
    ("label", "call", "names"), [pytest.param(label, call, names, id=label) for label, call, names in CASES]
)
def test_a_size_beyond_the_session_is_refused_before_allocation(label, call, names):
    outcome = run_isolated(call, seconds=SECONDS, memory_mb=MEMORY_MB)
    assert outcome.status in ("raised", "returned"), f"the call {outcome.status} ({outcome.message})"
    if names is None:
        assert outcome.status == "returned" and not outcome.has_nan, outcome
        assert math.isfinite(float(outcome.result)), outcome.result
        return
    assert outcome.status == "raised", f"accepted: returned {outcome.result}"
    assert outcome.clean_type and outcome.in_qinet, f"{outcome.error_type} at {outcome.raised_at}: {outcome.message}"
    assert names in outcome.message, f"the message does not name {names!r}: {outcome.message}"


def test_limits_are_sized_from_the_memory_budget():
    assert limits.MAX_MEMORY_MB == sim.MAX_MEMORY_MB
    assert limits.MAX_ARRAY_VALUES * limits.BYTES_PER_ARRAY_VALUE == limits.MAX_MEMORY_MB * 2**20
    assert limits.most(bytes_each=100) == limits.MAX_MEMORY_MB * 2**20 // 100
