"""The App's services (``oneonone.services``): what screens reach through ``oneonone.ports``,
and the one way a read's result or its failure comes back."""

from __future__ import annotations

from oneonone.core.store import Store, StoreError
from oneonone.ports import services

from .conftest import SIZE, make_app, settle, until


async def test_screens_reach_the_apps_services_through_ports(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE):
        await settle(app)
        assert services(app.screen) is app.services
        app.services.private_hidden = True  # F4: held by the services, not by a screen
        assert services(app.roster).private_hidden
        # the team: one object, the App's; home and the roster read it and hold no copy
        team = app.services.team
        assert app.roster.reps is team.reps and app.roster.settings is team.settings
        assert app.dashboard.data is team.agenda


async def test_a_read_gives_its_result_or_shows_its_store_error_as_plain_text(
    store: Store,
) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE):
        await settle(app)
        got: list[object] = []
        app.services.loader.read(lambda: 42, got.append)
        await until(lambda: got == [42], "the result, on the UI thread")

        def broken() -> int:
            raise StoreError("The file is [b]damaged[/b].")

        app.services.loader.read(broken, got.append)
        await settle(app)
        shown = [n for n in app._notifications if n.message == "The file is [b]damaged[/b]."]
        assert got == [42]  # not called with anything
        assert [(n.severity, n.markup) for n in shown] == [("error", False)]


def test_the_team_service_changes_the_team_then_tells_home_and_the_roster() -> None:
    """One object holds the team (``services.team``); its service changes it and calls the
    screens down: the roster for its kinds of record, home when its agenda was read again, both
    when the file was reloaded. (No App needed: the screens are stand-ins.)"""
    from types import SimpleNamespace

    import pendulum

    from oneonone.core.agenda import AgendaInput
    from oneonone.core.model import Rep, Session, SessionKind, TeamSettings
    from oneonone.core.team import TeamSnapshot
    from oneonone.services.team import TeamKeeper

    told: list[str] = []
    roster = SimpleNamespace(team_changed=lambda: told.append("roster"))
    home = SimpleNamespace(
        show=lambda: told.append("home"), present=lambda view: told.append("home laid out")
    )
    keeper = TeamKeeper(SimpleNamespace(host=SimpleNamespace(roster=roster, dashboard=home)))  # type: ignore[arg-type]
    ann = Rep(name="Ann", start_date=pendulum.date(2025, 1, 6))
    settings = TeamSettings(manager_name="Dana", timezone="Europe/Paris")
    agenda = AgendaInput([ann], settings, [], [], [], [])
    keeper.started(TeamSnapshot([ann], settings, [], None, agenda), [])
    assert told == [] and keeper.state.reps == {ann.id: ann}  # held until the screens are built
    keeper.saved([Session(rep_id=ann.id, kind=SessionKind.REGULAR)])
    assert told == []  # typed notes: nothing for the roster
    bo = Rep(name="Bo", start_date=pendulum.date(2025, 1, 6))
    keeper.saved([bo])
    assert told == ["roster"] and bo.id in keeper.state.reps
    again = AgendaInput([ann, bo], settings, [], [], [], [])
    keeper.agenda_read(SimpleNamespace(data=again, invocations=[]))  # type: ignore[arg-type]
    assert told[-1] == "home laid out" and keeper.state.agenda is again
    keeper.reloaded(TeamSnapshot([ann], settings, [], None, agenda), [])
    assert told[-2:] == ["roster", "home"] and list(keeper.state.reps) == [ann.id]
