"""Exports for sharing and printing: Markdown documents built from the core model.

UI-free: nothing here imports Textual.
"""
