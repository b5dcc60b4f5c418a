"""Real and illustrative topologies, shipped as small JSON files with their sources.

Each file in ``qinet/network/data/`` gives a name, the sources (citations with DOIs), notes saying
what is approximate or illustrative, the nodes (role, position, memories) and the links (fibre length
or route factor, heralding scheme, satellite parameters). :func:`load` builds the
:class:`~qinet.network.topology.Network`, optionally giving every memory node the same T₁ and T₂.

Examples
--------
>>> available()
('beijing-shanghai', 'delft-the-hague', 'delft-three-node', 'europe')
>>> net = load("delft-the-hague")
>>> net.link("Delft", "The Hague").length_km
25.0
"""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Any

from qinet._validate import one_of
from qinet.network.topology import FiberLink, Link, Network, Node, SatelliteLink

DATA = Path(__file__).with_name("data")


def available() -> tuple[str, ...]:
    """Names of the shipped topologies.

    Examples
    --------
    >>> "europe" in available()
    True
    """
    return tuple(sorted(path.stem for path in DATA.glob("*.json")))


def load(name: str, *, t1_s: float | None = None, t2_s: float | None = None, **link_options: Any) -> Network:
    """The shipped topology ``name`` as a :class:`Network`.

    Parameters
    ----------
    name : one of :func:`available`.
    t1_s, t2_s : if given, the memory times of every node that has memories (in s; ``inf``: no decay).
    link_options : fibre-link fields (``detector_efficiency=0.5`` ...) applied to every fibre link.

    Examples
    --------
    >>> net = load("delft-three-node", t2_s=0.5, detector_efficiency=0.8)
    >>> net.node("Bob").t2_s, net.link("Alice", "Bob").detector_efficiency
    (0.5, 0.8)
    """
    name = one_of("name", name, available())
    spec = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    nodes = []
    for item in spec["nodes"]:
        node = Node(**item)
        if node.memories and (t1_s is not None or t2_s is not None):
            node = Node(
                **{**item, "t1_s": math.inf if t1_s is None else t1_s, "t2_s": math.inf if t2_s is None else t2_s}
            )
        nodes.append(node)
    links: list[Link] = []
    for item in spec["links"]:
        fields = {key: value for key, value in item.items() if key != "kind"}
        if item["kind"] == "satellite":
            links.append(SatelliteLink(**fields))
        else:
            links.append(
                dataclasses.replace(FiberLink(**fields), **link_options) if link_options else FiberLink(**fields)
            )
    return Network(nodes, links, name=spec["name"], sources=spec["sources"], notes=spec["notes"])
