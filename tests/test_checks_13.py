"""Notebook 13's Checks fail on a wrong network model: classical messages that arrive at once; memories
that never decohere; the old waiting time of long chains of unequal links (the sum of the links' mean
waits); nodes with two memories where the Delft–The Hague nodes have one; the old satellite downlink
budget (3 dB of fixed loss instead of the loss fitted to the measured Micius downlinks)."""

from __future__ import annotations

from notebook_mutants import assert_checks_catch

NOTEBOOK = "13-quantum-networks"

INSTANT_MESSAGES = """
import qinet.network.topology as _topology
_topology.classical_delay_s = lambda length_km, group_index=1.468: 0.0
"""

PERFECT_MEMORIES = """
import qinet.network.pairs as _pairs
_pairs.storage_decay = lambda time_s, *, t1_s, t2_s: (1.0, 1.0, 1.0)
"""

SUMMED_WAITS = """
import qinet.network.routing as _routing
_exact = _routing.chain_wait_s
def _old(success, period_s, herald_s=None):
    if len(success) > 16:
        return sum(t / p for p, t in zip(success, period_s))
    return _exact(success, period_s, herald_s)
_routing.chain_wait_s = _old
"""

TWO_MEMORIES = """
import dataclasses
import qinet.network.catalog as _catalog
from qinet.network import Network
_load = _catalog.load
def _two(name, **options):
    net = _load(name, **options)
    if name != "delft-the-hague":
        return net
    nodes = [dataclasses.replace(node, memories=2) for node in net.nodes.values()]
    return Network(nodes, net.links, name=net.name, sources=net.sources, notes=net.notes)
_catalog.load = _two
"""

OLD_SATELLITE_BUDGET = """
from qinet import links
from qinet.network import topology as _topology
def _old_downlink(self):
    return links.satellite_downlink(self.altitude_km, self.elevation_deg, divergence_urad=self.divergence_urad,
                                    rx_aperture_m=self.rx_aperture_m, zenith_transmittance=self.zenith_transmittance,
                                    extra_loss_db=3.0)
_topology.SatelliteLink.downlink = _old_downlink
"""


def test_checks_catch_classical_messages_that_are_not_delayed():
    assert_checks_catch(NOTEBOOK, INSTANT_MESSAGES)


def test_checks_catch_memories_that_do_not_decohere():
    assert_checks_catch(NOTEBOOK, PERFECT_MEMORIES)


def test_checks_catch_the_summed_waits_of_long_unequal_chains():
    assert_checks_catch(NOTEBOOK, SUMMED_WAITS)


def test_checks_catch_two_memories_per_delft_node():
    assert_checks_catch(NOTEBOOK, TWO_MEMORIES)


def test_checks_catch_the_old_satellite_budget():
    assert_checks_catch(NOTEBOOK, OLD_SATELLITE_BUDGET)


def test_notebook_defines_its_symbols_states_its_detectors_and_sources_its_stack():
    import ast

    import nbformat
    from notebook_mutants import NOTEBOOKS

    nb = nbformat.read(NOTEBOOKS / f"{NOTEBOOK}.ipynb", as_version=4)
    markdown = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    assert r"$w = (4F_\text{link} - 1)/3$" in markdown  # the w of the two-link fidelity formula
    assert "compatible with this stack" in markdown and "same division" not in markdown  # RFC 9340 has planes
    assert "doi:10.1145/3386367.3431293" in markdown  # Kozlowski et al.: the network layer's service
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "chain_network",
                "FiberLink",
            ):
                keywords = {keyword.arg for keyword in node.keywords}
                assert "detector_efficiency" in keywords, ast.get_source_segment(cell.source, node)
