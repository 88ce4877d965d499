"""Finding a rep by what the manager types: forgiving, but never a guess."""

from __future__ import annotations

import pendulum
import pytest

from oneonone.core.lookup import RepLookupError, find_rep
from oneonone.core.model import Rep, RepStatus

START = pendulum.Date(2024, 1, 8)


def rep(name: str, *, departed: bool = False, rep_id: str | None = None) -> Rep:
    r = Rep(name=name, start_date=START)
    if departed:
        r.status, r.departed_on = RepStatus.DEPARTED, pendulum.Date(2025, 1, 31)
    if rep_id:
        r.id = rep_id
    return r


ALEX = rep("Alex Moreno")
ALICE = rep("Alice Wu")
AL = rep("Al")
JOSE = rep("José Núñez")
SAM = rep("Sam Alvarez", departed=True)
TEAM = [ALEX, ALICE, JOSE, SAM]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Alex Moreno", ALEX),
        ("alex moreno", ALEX),
        ("  ALEX   moreno ", ALEX),
        ("alex", ALEX),
        ("alic", ALICE),
        ("Wu", ALICE),
        ("mor", ALEX),
        ("jose", JOSE),  # accents are forgiven
        ("nunez", JOSE),
        ("José", JOSE),
        ("Sam", SAM),  # departed reps can be found
        ("alvarez", SAM),
    ],
)
def test_forgiving_matches(query: str, expected: Rep) -> None:
    assert find_rep(TEAM, query) is expected


def test_an_exact_name_beats_a_prefix() -> None:
    assert find_rep([*TEAM, AL], "al") is AL
    assert find_rep([*TEAM, AL], "AL") is AL


def test_a_full_name_prefix_beats_a_word_prefix() -> None:
    ann, dan = rep("Ann Lee"), rep("Dan Annis")
    assert find_rep([ann, dan], "ann") is ann
    assert find_rep([ann, dan], "anni") is dan


def test_ambiguous() -> None:
    with pytest.raises(RepLookupError) as err:
        find_rep(TEAM, "al")
    # the start of the full name is tried before the start of other words ("Sam Alvarez")
    assert (
        str(err.value) == "'al' matches several reps: Alex Moreno, Alice Wu. Type more of the name."
    )
    with pytest.raises(RepLookupError) as err:
        find_rep([rep("Ann Lee"), rep("Bo Lee", departed=True), ALEX], "lee")
    assert str(err.value) == (
        "'lee' matches several reps: Ann Lee, Bo Lee (departed). Type more of the name."
    )


def test_unknown_lists_the_reps_current_first_and_departed_marked() -> None:
    with pytest.raises(RepLookupError) as err:
        find_rep(TEAM, "zed")
    assert str(err.value) == (
        "No rep matches 'zed'. Reps: Alex Moreno, Alice Wu, José Núñez, Sam Alvarez (departed)"
    )
    assert isinstance(err.value, ValueError)


def test_no_reps_and_no_query() -> None:
    with pytest.raises(RepLookupError, match="There are no reps yet"):
        find_rep([], "alex")
    with pytest.raises(RepLookupError, match="Give a rep's name"):
        find_rep(TEAM, "   ")


def test_two_reps_with_one_name_are_told_apart_by_id() -> None:
    old = rep("Alex Moreno", departed=True, rep_id="0a1b2c3d-0000-4000-8000-000000000000")
    new = rep("Alex Moreno", rep_id="9f8e7d6c-0000-4000-8000-000000000000")
    with pytest.raises(RepLookupError) as err:
        find_rep([old, new], "alex moreno")
    message = str(err.value)
    assert "Alex Moreno [9f8e7d6c], Alex Moreno (departed) [0a1b2c3d]" in message
    assert "Give the id in brackets instead." in message
    assert find_rep([old, new], "0a1b2c3d") is old
    assert find_rep([old, new], "9F8E7D6C") is new


def test_long_lists_are_cut() -> None:
    many = [rep(f"Rep {i:03}") for i in range(50)]
    with pytest.raises(RepLookupError) as err:
        find_rep(many, "zed")
    assert str(err.value).endswith("Rep 039, and 10 more")


def test_name_rank_says_how_well_typed_text_names_a_rep() -> None:
    from oneonone.core.lookup import name_rank

    assert name_rank(JOSE, "José Núñez") == 0
    assert name_rank(JOSE, "jose nunez") == 1
    assert name_rank(JOSE, "jos") == 2
    assert name_rank(JOSE, "nún") == 3
    assert name_rank(JOSE, "ez") is None  # inside a word: not a name's start
    assert name_rank(JOSE, "   ") is None
    assert name_rank(rep("A", rep_id="12345678-aaaa"), "12345678") is None  # no id tier
