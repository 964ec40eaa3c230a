"""Rubric data: sample rubrics (考核细则) shipped with ideo.

Data only; the ``__init__.py`` lets setuptools ship the YAML (``package-data``)
and the loader reach it with ``importlib.resources.files("ideo_cli.data.rubrics")``.
"""
