"""The UI-free core: the domain model, its rules and queries, the store and the exports.

Nothing here imports Textual or Rich (an import-linter contract in ``pyproject.toml`` holds
it), and only ``core.store`` imports TinyDB.
"""
