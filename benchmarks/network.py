"""Speed of qinet.network's simulation, and the same three-node swap in SeQUeNCe (print only; no assertions).

Usage: ``python benchmarks/network.py``. Budgets (issue 13): an 8-link chain delivering 1,000 pairs with T₂
decoherence and multiplexing 4 in ≤ 1 s on one core; side by side with SeQUeNCe (Wu et al., Quantum Sci.
Technol. 6, 045027 (2021), doi:10.1088/2058-9565/ac22f6; PyPI package ``sequence``, not a qinet dependency:
``pip install sequence`` to run that part) on one scenario: a three-node swap over two 25 km links (0.2 dB/km,
detector efficiency 0.9, midpoint stations, perfect memories, one memory pair per link), simulated for the
same span; the ratio compares wall-clock time per delivered pair (the same statistics).

What differs between the two models: SeQUeNCe runs the Barrett–Kok protocol in two rounds per attempt and
reserves resources before it starts (its requests, rules and a 1 ms start), so it delivers fewer pairs per
second of simulated time; it tracks quantum states (ket vectors) where qinet tracks three Pauli eigenvalues
per pair.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

from qinet.network import chain_network, simulate
from qinet.network.simulate import MAX_LINK_PAIRS

REPEATS = 5
LINK_KM = 25.0
DETECTOR_EFFICIENCY = 0.9
SPAN_S = 2.0


def _time(label: str, make) -> tuple[float, object]:
    times, run = [], None
    for repeat in range(REPEATS):
        start = time.perf_counter()
        run = make(repeat)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{label:<66} median {median * 1e3:8.1f} ms   ({run.summary()})", flush=True)
    return median, run


def _sequence_three_node() -> tuple[float, int] | None:
    try:
        from sequence.app.request_app import RequestApp
        from sequence.topology.router_net_topo import RouterNetTopo
    except ImportError:
        print("SeQUeNCe is not installed (pip install sequence): side-by-side comparison skipped")
        return None
    metres = LINK_KM * 1e3
    detector = {"efficiency": DETECTOR_EFFICIENCY, "dark_count": 0, "time_resolution": 1, "count_rate": 1e11}
    config = {
        "nodes": [
            {"name": name, "type": "QuantumRouter", "seed": i, "memo_size": 2, "template": "router"}
            for i, name in enumerate(("left", "center", "right"))
        ],
        "qconnections": [
            {
                "node1": a,
                "node2": b,
                "attenuation": 0.0002,
                "distance": metres,
                "type": "meet_in_the_middle",
                "template": "bsm",
            }
            for a, b in (("left", "center"), ("center", "right"))
        ],
        "cconnections": [
            {"node1": "left", "node2": "center", "distance": metres},
            {"node1": "center", "node2": "right", "distance": metres},
            {"node1": "left", "node2": "right", "distance": 2 * metres},
        ],
        "templates": {
            "router": {"MemoryArray": {"frequency": 1e6, "coherence_time": -1, "efficiency": 1, "fidelity": 1}},
            "bsm": {"SingleAtomBSM": {"detectors": [detector, detector]}},
        },
        "stop_time": SPAN_S * 1e12,
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "three_node.json"
        path.write_text(json.dumps(config))
        start = time.perf_counter()
        topology = RouterNetTopo(str(path))
        timeline = topology.get_timeline()
        routers = {r.name: r for r in topology.get_nodes_by_type(RouterNetTopo.QUANTUM_ROUTER)}
        app = RequestApp(routers["left"])
        RequestApp(routers["right"])
        timeline.init()
        app.start("right", int(1e9), int(SPAN_S * 1e12), 1, 0.5)
        timeline.run()
        wall = time.perf_counter() - start
    print(
        f"{'SeQUeNCe 0.8: three-node swap, 2 x 25 km, ' + f'{SPAN_S:g} s simulated':<66} "
        f"{wall * 1e3:8.1f} ms   ({app.memory_counter} pairs, {app.get_throughput():.4g} pairs/s)",
        flush=True,
    )
    return wall, app.memory_counter


def main() -> None:
    chain = chain_network(8, LINK_KM, multiplexing=4, t2_s=1.0, detector_efficiency=DETECTOR_EFFICIENCY)
    _time(
        "8 links x 25 km, 1,000 pairs, T2 = 1 s, multiplexing 4",
        lambda s: simulate(chain, "A", "B", pairs=1000, seed=s),
    )
    _time(
        "the same without the event log", lambda s: simulate(chain, "A", "B", pairs=1000, seed=s, record_events=False)
    )
    three = chain_network(2, LINK_KM, detector_efficiency=DETECTOR_EFFICIENCY)
    span_s, span_run = _time(
        f"qinet: three-node swap, 2 x 25 km, {SPAN_S:g} s simulated",
        lambda s: simulate(three, "A", "B", pairs=MAX_LINK_PAIRS, until_s=SPAN_S, seed=s),
    )
    peer = _sequence_three_node()
    if peer is not None and peer[1] > 0:
        wall, pairs = peer
        ours, _ = _time(
            f"qinet: three-node swap, the same {pairs} pairs", lambda s: simulate(three, "A", "B", pairs=pairs, seed=s)
        )
        print(
            f"same statistics ({pairs} pairs): SeQUeNCe {wall * 1e3:.0f} ms, qinet {ours * 1e3:.1f} ms: "
            f"{wall / ours:.0f}x faster"
        )
        print(
            f"same simulated span ({SPAN_S:g} s): SeQUeNCe {wall * 1e3:.0f} ms, qinet {span_s * 1e3:.1f} ms: "
            f"{wall / span_s:.0f}x, while qinet delivers {span_run.delivered} pairs to SeQUeNCe's {pairs} "
            f"({span_run.rate_hz:.4g} vs {pairs / SPAN_S:.4g} pairs/s: see the module docstring for why)"
        )


if __name__ == "__main__":
    main()
