"""Rulebook data: ``documents.yaml`` and one ``<profile>.yaml`` per rule profile.

This package holds data only. Having an ``__init__.py`` makes setuptools ship the
YAML files (``package-data``) and lets the loader reach them with
``importlib.resources.files("ideo_cli.data.rulebooks")``.
"""
