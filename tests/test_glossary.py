"""The glossary: stable, unique anchors, and every glossary link in a notebook or document resolves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "docs" / "glossary.md"
LINK = re.compile(r"glossary\.md#([A-Za-z0-9_-]+)")


def _anchors() -> list[str]:
    return re.findall(r'<a id="([a-z0-9-]+)"></a>', GLOSSARY.read_text(encoding="utf-8"))


def _documents() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("*.ipynb")) + [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _text(path: Path) -> str:
    if path.suffix == ".ipynb":
        return "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
    return path.read_text(encoding="utf-8")


def test_anchors_are_unique_and_every_entry_says_where_it_is_first_used():
    anchors = _anchors()
    assert len(anchors) == len(set(anchors)) and len(anchors) >= 50
    entries = [line for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line.startswith("<a id=")]
    assert all("*First used:*" in entry for entry in entries)
    for term in (
        "fidelity",
        "bell-pair",
        "werner-state",
        "chsh",
        "heralding",
        "entanglement-swapping",
        "purification",
        "qber",
        "plob-bound",
        "decoy-state",
        "trusted-node",
        "t1-t2",
        "ghz-state",
        "heisenberg-limit",
        "ubqc",
    ):
        assert term in anchors, term


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_every_glossary_link_resolves(path):
    anchors = set(_anchors())
    broken = sorted(set(LINK.findall(_text(path))) - anchors)
    assert not broken, f"{path.name} links to glossary anchors that do not exist: {broken}"


def test_the_primer_links_its_terms_to_the_glossary():
    links = set(LINK.findall(_text(ROOT / "notebooks" / "00a-primer.ipynb")))
    assert {"qubit", "bell-state", "density-matrix", "fidelity", "chsh-inequality", "werner-state"} <= links
