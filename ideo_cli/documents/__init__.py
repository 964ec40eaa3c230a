"""Reading ideo's YAML files safely, with every value's position kept.

Pipeline: ``read`` (bytes, size, encoding; a UTF-8 BOM is accepted) →
``compose`` (libyaml node graph, positions kept, nothing constructed) →
``kinds.detect`` (what the file says it is) → ``convert`` (plain Python, with
the safety limits and the kind's key vocabulary applied) → ``validate`` (the
kind's pydantic model; one function for every kind).  Problems are located
diagnostics carrying catalogue Messages — no language is chosen here; nothing
here prints or exits.  ``kinds.read_any(path)`` does all of it.
"""
from ideo_cli.documents.document import LoadError, YamlDocument, load_yaml_file, load_yaml_text

__all__ = ["LoadError", "YamlDocument", "load_yaml_file", "load_yaml_text"]
