"""The road map as data: the six stages of Wehner, Elkouss & Hanson, Science 362, eaam9288 (2018), Table 1."""

from __future__ import annotations

import pytest

from qinet import measurements, roadmap


def test_six_stages_in_wehner_order_and_every_topic_placed():
    assert [(s.number, s.name) for s in roadmap.STAGES] == [
        (1, "Trusted repeater network"),
        (2, "Prepare-and-measure network"),
        (3, "Entanglement distribution network"),
        (4, "Quantum memory network"),
        (5, "Few-qubit fault-tolerant network"),
        (6, "Quantum computing network"),
    ]
    shown = {nb for s in roadmap.STAGES for nb in s.notebooks}
    assert shown <= set(roadmap.NOTEBOOKS)
    topics = {nb for nb in roadmap.NOTEBOOKS if "01" <= nb[:2] <= "11"}
    assert len(topics) == 11 and topics <= shown  # every topic notebook 01–11 shows some stage
    assert all(s.requires and s.enables for s in roadmap.STAGES)


def test_blind_computing_needs_memories_not_fault_tolerance():
    # Table 1: blind quantum computing is a quantum-memory protocol (the old map put it under fault tolerance)
    assert roadmap.stages_of("10-blind-computing") == (4,)
    assert roadmap.APPLICATION_STAGES["blind computing"] == 4
    barz = [d for s in roadmap.STAGES for d in s.demonstrations if "Barz" in d.reference]
    assert [d in roadmap.stage(4).demonstrations for d in barz] == [True]
    # distributed computing and clock synchronisation are few-qubit fault-tolerant
    assert roadmap.APPLICATION_STAGES["distributed computing"] == 5
    assert roadmap.APPLICATION_STAGES["clock synchronisation"] == 5
    assert 5 in roadmap.stages_of("09-distributed-computing")


def test_post_selected_micius_distribution_is_prepare_and_measure_and_stage_3_is_heralded():
    micius = {d.reference for d in roadmap.stage(2).demonstrations}
    assert {"Yin et al., Science 356, 1140 (2017)", "Yin et al., Nature 582, 501 (2020)"} <= micius
    heralded = {d.reference.split(",")[0] for d in roadmap.stage(3).demonstrations}
    assert {"Hensen et al.", "Nadlinger et al.", "Zhang et al.", "van Leent et al.", "Stolk et al."} <= heralded
    assert "Yin et al." not in heralded  # kept when both photons arrived: post-selected, stage 2
    # the memory stage needs a pair made faster than it decays: Humphreys et al. 2018 first showed it
    assert "Humphreys et al." in {d.reference.split(",")[0] for d in roadmap.stage(4).demonstrations}
    assert roadmap.APPLICATION_STAGES["di-qkd"] == 3 and roadmap.APPLICATION_STAGES["bb84"] == 2


def test_demonstrations_carry_dois_and_their_measurements_exist():
    demos = [d for s in roadmap.STAGES for d in s.demonstrations]
    assert {(2017, 1203.0), (2020, 1120.0), (2021, 4600.0), (2017, 2000.0), (2015, 1.3), (2022, 33.0)} <= {
        (d.year, d.distance_km) for d in demos
    }
    assert all(2010 <= d.year <= 2025 and d.reference and d.short for d in demos)
    assert all(d.doi.startswith(("10.", "arXiv:")) for d in demos if "Xinhua" not in d.reference)
    for d in demos:
        if d.measurement:
            assert measurements.get(d.measurement).year == d.year
    assert not roadmap.stage(5).demonstrations and not roadmap.stage(6).demonstrations


def test_markdown_tables_link_notebooks_and_dois():
    table = roadmap.stages_markdown()
    assert "[10](10-blind-computing.ipynb)" in table.split("**4 ·")[1].split("\n")[0]
    demos = roadmap.demonstrations_markdown()
    assert "[doi:10.1038/nature15759](https://doi.org/10.1038/nature15759)" in demos
    assert "[arXiv:2309.00221](https://arxiv.org/abs/2309.00221)" in demos
    assert "| 12.5 km |" in demos and "| 400 m |" in demos and "| one laboratory |" in demos


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: roadmap.stage(7), "number"),
        (lambda: roadmap.stage(0), "number"),
        (lambda: roadmap.stages_of("99-nothing"), "notebook"),
        (lambda: roadmap.stages_of(3), "notebook"),
    ],
)
def test_bad_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
