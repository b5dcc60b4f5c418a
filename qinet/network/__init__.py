"""Quantum networks as networks: topologies on a graph, routing, and a timed simulation of entanglement delivery.

Submodules: :mod:`~qinet.network.topology` (nodes, links, :class:`Network`), :mod:`~qinet.network.pairs`
(Bell-diagonal pairs in memories), :mod:`~qinet.network.simulate` (the discrete-event simulation),
:mod:`~qinet.network.routing` (paths by a physical metric), :mod:`~qinet.network.data` (real topologies)
and :mod:`~qinet.network.reference` (independent references: Aer circuits, analytic waiting times).
"""

from qinet._lazy import lazy_submodules
from qinet.network.simulate import SimulationResult as SimulationResult
from qinet.network.simulate import simulate as simulate
from qinet.network.topology import FiberLink as FiberLink
from qinet.network.topology import Network as Network
from qinet.network.topology import Node as Node
from qinet.network.topology import SatelliteLink as SatelliteLink
from qinet.network.topology import chain_network as chain_network

__getattr__, __dir__ = lazy_submodules(__name__, __path__)
