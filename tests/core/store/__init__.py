"""Tests of the store (src/oneonone/core/store/), one module per concern."""
