"""The figure renderer (exercises/figures.py): proportions, physical sense and clean SVG."""

import xml.etree.ElementTree as ET

import pytest

from exercises.figures import LENGTH, RANGE, Base, Pose, problems, solve, svg

SVG = "{http://www.w3.org/2000/svg}"


def test_a_standing_figure_has_winters_proportions():
    figure = solve(Pose())
    # Heights as fractions of stature (Winter 2009): knee 0.285, hip 0.530, shoulder 0.818.
    assert figure.near["knee"][1] == pytest.approx(28.5, abs=0.5)
    assert figure.points["hip"][1] == pytest.approx(53.0, abs=0.5)
    assert figure.points["shoulder"][1] == pytest.approx(81.8, abs=0.5)
    assert figure.points["crown"][1] == pytest.approx(100.0, abs=0.5)
    elbow_to_wrist = figure.near["elbow"][1] - figure.near["wrist"][1]
    assert elbow_to_wrist == pytest.approx(LENGTH["forearm"] * 100)


@pytest.mark.parametrize(
    "pose",
    [
        Pose(),
        Pose(ankle=20, knee=100, hip=100, shoulder=90),
        Pose(knee=20, hip=80, ankle=5, shoulder=10),
        Pose(knee=25, hip=75, ankle=10, shoulder=-40, elbow=100),
    ],
)
def test_standing_feet_are_flat_on_the_floor(pose):
    figure = solve(pose)
    for side in (figure.near, figure.far):
        assert side["heel"][1] == pytest.approx(0, abs=0.01)
        assert side["toe"][1] == pytest.approx(0, abs=0.01)
    assert figure.lowest() == pytest.approx(0, abs=0.01)
    assert problems(pose) == []


def test_each_base_rests_on_its_support():
    kneeling = solve(Pose(base=Base.KNEELING, knee=90))
    assert kneeling.near["knee"][1] == pytest.approx(kneeling.near["ankle"][1], abs=0.01)  # shin level
    seated = solve(Pose(base=Base.SEATED, hip=90, knee=90))
    assert seated.near["knee"][1] == pytest.approx(seated.points["hip"][1], abs=0.01)  # thigh level
    lying = solve(Pose(base=Base.SUPINE))
    assert lying.points["shoulder"][1] == pytest.approx(lying.points["hip"][1], abs=0.01)
    assert lying.points["crown"][0] < lying.points["hip"][0]  # head to the left, face up
    hanging = solve(Pose(base=Base.HANGING, shoulder=175))
    assert hanging.near["grip"][1] == pytest.approx(225, abs=0.01) and hanging.lowest() > 0


def test_a_joint_outside_its_range_is_named():
    assert problems(Pose(knee=150)) == ["The knee is at 150°, outside its normal range (0° to 135°)."]
    assert "far elbow" in problems(Pose(far={"elbow": 170}))[0]
    for joint, (low, high) in RANGE.items():
        assert problems(Pose(**{joint: high + 1}))[0].startswith(f"The {joint} is at")
        assert problems(Pose(**{joint: low - 1}))[0].startswith(f"The {joint} is at")


def test_a_body_part_through_the_floor_is_named():
    # Lying face down with the head bent down: the head would go through the floor, so the
    # trunk no longer rests on it.
    found = problems(Pose(base=Base.PRONE, neck=45))
    assert found and "should rest on the floor" in found[0]
    hanging = Pose(base=Base.HANGING, shoulder=175, hip=0, knee=0)
    assert problems(hanging) == []
    standing_on_hands = Pose(hip=110, spine=40, shoulder=150)  # hands reaching past the feet
    assert any("heel should rest on the floor" in p for p in problems(standing_on_hands))


def test_the_svg_is_well_formed_and_needs_no_inline_style():
    text = svg(
        Pose(knee=25, hip=75, shoulder=-40, elbow=100),
        primary=["latissimus-dorsi"],
        secondary=["biceps"],
        title="Bent-over row, finish",
        ident="row",
    )
    root = ET.fromstring(text)  # noqa: S314 (our own output)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and len(root.get("viewBox").split()) == 4
    assert root.find(f"{SVG}title").text == "Bent-over row, finish"
    classes = [element.get("class") for element in root.iter()]
    assert classes.count("fig-primary") == 3  # the lats on the trunk and both upper arms
    assert classes.count("fig-secondary") == 2  # the biceps of both arms
    assert root.find(f".//{SVG}pattern").get("id") == "row-hatch"
    assert "style=" not in text and "<script" not in text
    assert len(text.encode()) < 8000
