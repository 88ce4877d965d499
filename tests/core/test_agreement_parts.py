"""The agreement's five parts are declared once (core/agreement_parts.py): the declaration
covers the model's fields exactly, and the template's parts are the template's fields."""

from __future__ import annotations

from dataclasses import fields

from oneonone.core.agreement_parts import (
    AGREEMENT_PARTS,
    TEMPLATE_PARTS,
    LineKind,
    all_fields,
    part,
)
from oneonone.core.agreements import PARTS
from oneonone.core.model import Agreement, AgreementTemplate

NOT_CONTENT = {
    "TABLE",
    "rep_id",
    "version",
    "state",
    "agreed_on",
    "manager_name",
    "inherited",
    "superseded",
    "next_review",
    "acknowledged_on",
    "acknowledged_how",
    "created_at",
    "id",
}


def test_five_parts_numbered_in_order() -> None:
    assert [p.number for p in AGREEMENT_PARTS] == [1, 2, 3, 4, 5]
    assert part(4).heading == "4. How we reach each other"


def test_every_content_field_of_the_agreement_is_declared_once() -> None:
    declared = [f.name for f in all_fields()]
    content = [f.name for f in fields(Agreement) if f.name not in NOT_CONTENT]
    assert len(declared) == len(set(declared))
    assert set(declared) == set(content)


def test_the_template_holds_exactly_the_template_parts_fields() -> None:
    in_template = {
        f.name
        for p in AGREEMENT_PARTS
        if p.number in TEMPLATE_PARTS
        for f in p.fields
        if not f.agreement_only
    }
    template = {f.name for f in fields(AgreementTemplate) if f.name != "id"}
    assert in_template == template
    assert TEMPLATE_PARTS == (1, 2, 4)


def test_the_diff_follows_the_declaration() -> None:
    assert [p.key for p in PARTS] == [f.name for f in all_fields()]
    titles = {p.key: p.title for p in PARTS}
    assert titles["comm_rules"] == "How we reach each other"
    assert titles["open_door"] == "Open door"
    assert {f.kind for f in all_fields()} == set(LineKind)
