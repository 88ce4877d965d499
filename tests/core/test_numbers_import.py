"""Numbers from a CRM report (issue 19): each quirk of Salesforce's and HubSpot's CSV exports
read right, reps matched by name, the plan of what would be recorded and its problems."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone.core.model import (
    Agreement,
    AgreementState,
    ImportedNumber,
    Period,
    QuotaLine,
    Rep,
    RepStatus,
)
from oneonone.core.numbers_import import (
    BadValue,
    ColumnMap,
    Plan,
    ReportError,
    guess_decimal,
    match_rep,
    offered,
    parse_amount,
    parse_when,
    period_bounds,
    plan_import,
    read_table,
    records_of,
)

REPORTS = Path(__file__).parent / "crm_reports"
TODAY = pendulum.date(2026, 11, 27)
D = pendulum.date


def team() -> tuple[list[Rep], dict[str, Agreement]]:
    """Ann (New ARR per quarter, Demos per month), José (New ARR), Bo (an SDR: Meetings per
    week), and Cy, who left."""
    ann = Rep(name="Ann Lee", start_date=D(2024, 1, 8), id="ann")
    jose = Rep(name="José Núñez", start_date=D(2024, 3, 1), id="jose")
    bo = Rep(name="Bo Martin", start_date=D(2025, 6, 2), id="bo")
    cy = Rep(name="Cy Old", start_date=D(2020, 1, 1), status=RepStatus.DEPARTED, id="cy")
    arr = QuotaLine("New ARR", 120_000, "USD", Period.QUARTER, id="arr-ann")
    demos = QuotaLine("Demos", 12, "demos", Period.MONTH, id="demos-ann")
    agreements = {
        "ann": Agreement(rep_id="ann", state=AgreementState.AGREED, quota_lines=[arr, demos]),
        "jose": Agreement(
            rep_id="jose",
            state=AgreementState.AGREED,
            quota_lines=[QuotaLine("New ARR", 90_000, "USD", Period.QUARTER, id="arr-jose")],
        ),
        "bo": Agreement(
            rep_id="bo",
            state=AgreementState.AGREED,
            quota_lines=[QuotaLine("Meetings", 10, "meetings", Period.WEEK, id="meet-bo")],
        ),
    }
    return [ann, jose, bo, cy], agreements


def plan_of(name: str, mapping: ColumnMap, imported: list[ImportedNumber] | None = None) -> Plan:
    reps, agreements = team()
    table = read_table((REPORTS / name).read_bytes().decode("utf-8-sig"))
    return plan_import(table, mapping, reps, agreements, imported or [], TODAY)


def recorded(plan: Plan) -> dict[tuple[str, str], tuple[float, tuple[int, ...]]]:
    return {(p.rep.name, p.line.label): (p.value, p.rows) for p in plan.numbers}


# --- numbers, one quirk each ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal", "value"),
    [
        ("$1,234.00", ".", 1234.0),
        ("USD 1,234", ".", 1234.0),
        ("1,234 EUR", ".", 1234.0),
        ("1,234.5", ".", 1234.5),
        ("1.234,5", ".", 1234.5),  # the reading is certain whatever the file's mark
        ("1.234", ",", 1234.0),  # a European file: thousands
        ("1,234", ",", 1.234),
        ("1 234,50 €", ",", 1234.5),
        ("1\u202f234,50\u00a0€", ",", 1234.5),  # narrow and no-break spaces (French Excel)
        ("1'234.50", ".", 1234.5),  # Swiss
        ("45%", ".", 45.0),
        ("12,5 %", ",", 12.5),
        ("($1,200.00)", ".", -1200.0),
        ("-$1,200", ".", -1200.0),
        ("USD (1,200)", ".", -1200.0),
        ("−300", ".", -300.0),  # a typographic minus
        ("0.5", ".", 0.5),
        ("12500", ".", 12500.0),
    ],
)
def test_a_cell_is_read_as_people_format_numbers(text: str, decimal: str, value: float) -> None:
    assert parse_amount(text, decimal) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "  ", "-", "—", "N/A", "n/a", "null"])
def test_a_blank_is_no_number_not_zero(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize("text", ["abc", "12 apples", "1,23,4", "1e5", "$", "1.2.3,4,5", "9" * 20])
def test_what_is_not_a_number_is_said(text: str) -> None:
    with pytest.raises(BadValue):
        parse_amount(text)


def test_the_decimal_mark_of_a_file_comes_from_its_certain_values() -> None:
    assert guess_decimal(["1.234", "12,5"]) == ","
    assert guess_decimal(["1,234", "1,234,567.5"]) == "."
    assert guess_decimal(["1,234"], delimiter=";") == ","  # only ambiguous: the delimiter says
    assert guess_decimal(["1,234"]) == "."


# --- dates and periods ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day_first", "first", "last"),
    [
        ("2026-11-03", False, D(2026, 11, 3), D(2026, 11, 3)),
        ("2026-11-03 14:22", False, D(2026, 11, 3), D(2026, 11, 3)),
        ("11/3/2026", False, D(2026, 11, 3), D(2026, 11, 3)),
        ("3/11/2026", True, D(2026, 11, 3), D(2026, 11, 3)),
        ("03.11.2026", True, D(2026, 11, 3), D(2026, 11, 3)),
        ("11/3/26", False, D(2026, 11, 3), D(2026, 11, 3)),
        ("2026-11", False, D(2026, 11, 1), D(2026, 11, 30)),
        ("Nov 2026", False, D(2026, 11, 1), D(2026, 11, 30)),
        ("Q4 2026", False, D(2026, 10, 1), D(2026, 12, 31)),
        ("2026-Q4", False, D(2026, 10, 1), D(2026, 12, 31)),
        ("FY2026", False, D(2026, 1, 1), D(2026, 12, 31)),
    ],
)
def test_dates_and_periods_are_read(
    text: str, day_first: bool, first: pendulum.Date, last: pendulum.Date
) -> None:
    assert parse_when(text, day_first) == (first, last)


def test_a_wrong_date_is_said() -> None:
    with pytest.raises(BadValue):
        parse_when("2/30/2026")
    with pytest.raises(BadValue):
        parse_when("soon")


def test_periods_are_calendar_ones() -> None:
    assert period_bounds(Period.WEEK, TODAY) == (D(2026, 11, 23), D(2026, 11, 29))
    assert period_bounds(Period.MONTH, TODAY) == (D(2026, 11, 1), D(2026, 11, 30))
    assert period_bounds(Period.QUARTER, TODAY) == (D(2026, 10, 1), D(2026, 12, 31))
    assert period_bounds(Period.YEAR, TODAY) == (D(2026, 1, 1), D(2026, 12, 31))


# --- the table --------------------------------------------------------------------------------


def test_the_delimiter_is_sniffed_and_a_bom_dropped() -> None:
    for delimiter in (",", ";", "\t"):
        text = f"\ufeffOwner{delimiter}Amount\nAnn Lee{delimiter}5\n"
        table = read_table(text)
        assert table.delimiter == delimiter
        assert table.header == ["Owner", "Amount"]
        assert table.rows == [(2, ["Ann Lee", "5"])]


def test_a_file_without_a_table_is_refused_in_one_line() -> None:
    for text in ("", "just one column\nx\n", "a,b\x00c\n"):
        with pytest.raises(ReportError):
            read_table(text)


def test_salesforce_footer_and_totals_are_left_out() -> None:
    table = read_table((REPORTS / "salesforce_details.csv").read_text())
    assert [line for line, _ in table.rows] == [2, 3, 4, 5, 6, 7]
    assert table.left_out == [8, 10, 11]


# --- reps -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("Ann Lee", "ann"),
        ("ANN  LEE", "ann"),
        ("Jose Nunez", "jose"),  # accents
        ("Núñez, José", "jose"),  # Last, First
        ("ann.lee@example.com", "ann"),
        ("Bo", "bo"),  # a unique start
    ],
)
def test_reps_are_matched_by_name(name: str, found: str) -> None:
    reps, _ = team()
    rep, why = match_rep([r for r in reps if r.is_current], name)
    assert rep is not None and rep.id == found, why


def test_an_unknown_or_ambiguous_rep_says_why() -> None:
    reps, _ = team()
    reps.append(Rep(name="Ann Long", start_date=D(2025, 1, 1), id="ann2"))
    assert match_rep(reps, "Zed")[1] == "no current rep by that name"
    rep, why = match_rep(reps, "Ann")
    assert rep is None and "Ann Lee" in why and "Ann Long" in why


# --- the plan, from each export's shape -------------------------------------------------------


def test_a_salesforce_details_report() -> None:
    plan = plan_of(
        "salesforce_details.csv",
        ColumnMap("Opportunity Owner", {"New ARR": "Amount"}, "Close Date"),
    )
    assert recorded(plan) == {
        ("Ann Lee", "New ARR"): (20_000.5, (2, 3)),  # summed; 9/30 is last quarter
        ("José Núñez", "New ARR"): (28_800.0, (5, 6)),  # a credit in parentheses
    }
    assert plan.skipped == ["row 4 (Ann Lee, New ARR): 9/30/2026 is outside Q4 2026"]
    assert plan.problems == ["row 7: 'Zed Unknown' (no current rep by that name)"]
    assert any("month/day/year" in n for n in plan.notes)
    assert any("left out: 8, 10, 11" in n for n in plan.notes)


def test_a_salesforce_summary_report_with_a_bom_and_last_first_names() -> None:
    plan = plan_of("salesforce_summary.csv", ColumnMap("Full Name", {"New ARR": "Sum of Amount"}))
    assert recorded(plan) == {
        ("Ann Lee", "New ARR"): (84_000.0, (2,)),
        ("José Núñez", "New ARR"): (61_250.75, (3,)),
    }
    assert plan.problems == ["row 4: Bo Martin's agreement has none of the quota lines New ARR"]


def test_a_hubspot_deals_export() -> None:
    plan = plan_of(
        "hubspot_deals.csv", ColumnMap("Deal owner", {"New ARR": "Amount"}, "Close Date")
    )
    assert recorded(plan) == {
        ("Ann Lee", "New ARR"): (20_000.5, (2, 3)),  # one row by e-mail
        ("José Núñez", "New ARR"): (30_000.0, (4,)),
    }
    assert plan.skipped == ["row 6 (José Núñez, New ARR): 2027-01-10 is outside Q4 2026"]
    assert "row 7: 'abc' is not a number (column 'Amount')" in plan.problems


def test_a_european_report_with_several_lines_and_periods() -> None:
    plan = plan_of(
        "european.csv",
        ColumnMap("Vertriebsmitarbeiter", {"New ARR": "Umsatz", "Demos": "Demos"}, "Datum"),
    )
    assert recorded(plan) == {
        ("Ann Lee", "Demos"): (7.0, (2, 4)),
        ("Ann Lee", "New ARR"): (2_234.75, (2, 4)),
        ("José Núñez", "New ARR"): (12_000.0, (3,)),
    }
    assert any("decimal comma" in n for n in plan.notes)
    assert any("day/month/year" in n for n in plan.notes)


def test_a_row_with_a_bad_number_records_nothing_of_it() -> None:
    reps, agreements = team()
    table = read_table("Owner,ARR,Demos\nAnn Lee,5000,lots\nAnn Lee,1000,2\n")
    mapping = ColumnMap("Owner", {"New ARR": "ARR", "Demos": "Demos"})
    plan = plan_import(table, mapping, reps, agreements, [], TODAY)
    assert recorded(plan) == {
        ("Ann Lee", "Demos"): (2.0, (3,)),
        ("Ann Lee", "New ARR"): (1000.0, (3,)),
    }
    assert plan.problems == ["row 2: 'lots' is not a number (column 'Demos')"]


def test_missing_columns_and_a_negative_total_are_problems() -> None:
    reps, agreements = team()
    table = read_table("Owner,ARR\nAnn Lee,(500)\n")
    plan = plan_import(
        table,
        ColumnMap("Owner", {"New ARR": "ARR", "Demos": "Meetings"}),
        reps,
        agreements,
        [],
        TODAY,
    )
    assert plan.numbers == []
    assert "the column 'Meetings' (for Demos) is not in the file" in plan.problems
    assert any("cannot be negative" in p for p in plan.problems)
    plan = plan_import(table, ColumnMap("Rep", {"New ARR": "ARR"}), reps, agreements, [], TODAY)
    assert plan.problems[0].startswith("the rep column 'Rep' is not in the file")


def test_a_departed_rep_is_not_matched() -> None:
    reps, agreements = team()
    table = read_table("Owner,ARR\nCy Old,500\n")
    plan = plan_import(table, ColumnMap("Owner", {"New ARR": "ARR"}), reps, agreements, [], TODAY)
    assert plan.problems == ["row 2: 'Cy Old' (Cy Old has left the team)"]


def test_importing_the_same_period_again_replaces_the_earlier_import() -> None:
    mapping = ColumnMap("Full Name", {"New ARR": "Sum of Amount"})
    first = plan_of("salesforce_summary.csv", mapping)
    now = pendulum.datetime(2026, 11, 27, 9, tz="UTC")
    records = records_of(first, "report.csv", now)
    assert {(r.rep_id, r.value, r.period_start) for r in records} == {
        ("ann", 84_000.0, D(2026, 10, 1)),
        ("jose", 61_250.75, D(2026, 10, 1)),
    }
    again = plan_of("salesforce_summary.csv", mapping, records)
    assert all(p.replaces is not None for p in again.numbers)
    assert {r.id for r in records_of(again, "report.csv", now)} == {r.id for r in records}


def test_a_one_on_one_is_offered_the_imports_of_its_period() -> None:
    arr = QuotaLine("New ARR", 120_000, "USD", Period.QUARTER, id="arr-ann")
    renamed = QuotaLine("new arr", 130_000, "USD", Period.QUARTER, id="arr-v2")
    item = ImportedNumber(
        rep_id="ann",
        quota_line_id="arr-ann",
        label="New ARR",
        period=Period.QUARTER,
        period_start=D(2026, 10, 1),
        value=84_000,
    )
    assert offered([item], [arr], D(2026, 12, 4)) == {"arr-ann": item}
    assert offered([item], [renamed], D(2026, 12, 4)) == {"arr-v2": item}  # a new version
    assert offered([item], [arr], D(2027, 1, 4)) == {}  # the next quarter: not this number


# --- any cell, any file: a number read back, or one clear error -------------------------------


@settings(max_examples=150, deadline=None)
@given(
    cents=st.integers(min_value=-(10**12), max_value=10**12),
    european=st.booleans(),
    dressing=st.sampled_from(["{}", "${}", "USD {}", "{} €", "{} EUR"]),
    parentheses=st.booleans(),
)
def test_a_formatted_amount_reads_back(
    cents: int, european: bool, dressing: str, parentheses: bool
) -> None:
    value = abs(cents) / 100
    text = f"{value:,.2f}"
    if european:
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    text = dressing.format(text)
    if cents < 0:
        text = f"({text})" if parentheses else f"-{text}"
    read = parse_amount(text, "," if european else ".")
    assert read == pytest.approx(-value if cents < 0 else value)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab1,;\t"\n\r.$€%()- \ufeff\x00')), max_size=80))
def test_any_text_is_a_table_or_one_clear_error(text: str) -> None:
    try:
        table = read_table(text)
    except ReportError as exc:
        assert "\n" not in str(exc)
        return
    for _, row in table.rows:
        for cell in row:
            try:
                parse_amount(cell)
            except BadValue as exc:
                assert "\n" not in str(exc) or "\n" in cell


def test_the_start_of_a_word_is_not_a_name() -> None:
    """A report's "Dan Brown" (someone else) was matched to Dan Browning, and his 75,000 added
    to Dan Browning's 40,000."""
    browning = Rep(name="Dan Browning", start_date=D(2025, 1, 1), id="dan")
    assert match_rep([browning], "Dan Brown") == (None, "no current rep by that name")
    assert match_rep([browning], "Dan")[0] == browning  # whole first words still do
    assert match_rep([browning], "Browning, Dan")[0] == browning


def test_a_deal_named_like_a_summary_row_is_data() -> None:
    text = (
        "Opportunity Name,Opportunity Owner,Amount\n"
        'Total Wine renewal,Ann Lee,"$1,000"\n'
        'Subtotal:,,"$1,000"\n'
        'Grand Totals (1 record),,"$1,000"\n'
    )
    table = read_table(text)
    assert [line for line, _ in table.rows] == [2]
    assert table.left_out == [3, 4]
