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
