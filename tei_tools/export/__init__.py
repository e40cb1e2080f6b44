"""Exporters: one module per format behind a small registry."""
