"""The config file's [numbers] table (issue 19): written in place, everything else kept."""

from __future__ import annotations

import pytest

from oneonone.config import parse_config, with_numbers

BEFORE = """\
# my settings
theme = "nord"  # dark

[numbers]  # the CRM
rep_column = "Owner"
map = { "New ARR" = "Amount" }

[numbers.extra]
x = 1

[calendar]
all = true  # every item
"""


def test_the_numbers_table_is_replaced_where_it_was() -> None:
    after = with_numbers(
        BEFORE, {"New ARR": 'Sum of "Amount"', "Démos": "Meetings"}, "Deal owner", "Close Date"
    )
    assert after.startswith('# my settings\ntheme = "nord"  # dark\n\n[numbers]\n')
    assert after.endswith("\n[calendar]\nall = true  # every item\n")
    assert "extra" not in after and after.count("[numbers]") == 1
    config = parse_config(after)
    assert config.numbers_map == (("New ARR", 'Sum of "Amount"'), ("Démos", "Meetings"))
    assert (config.numbers_rep_column, config.numbers_date_column) == ("Deal owner", "Close Date")
    assert config.theme == "nord" and config.calendar_all and not config.problems


def test_a_file_without_the_table_gets_it_at_the_end() -> None:
    after = with_numbers('theme = "nord"', {"New ARR": "Amount"}, "Owner", None)
    assert (
        after
        == 'theme = "nord"\n\n[numbers]\nrep_column = "Owner"\nmap = { "New ARR" = "Amount" }\n'
    )


def test_a_file_it_cannot_edit_safely_is_left_alone() -> None:
    with pytest.raises(ValueError):
        with_numbers('numbers.rep_column = "Owner"\n', {"New ARR": "Amount"}, "Owner", None)
