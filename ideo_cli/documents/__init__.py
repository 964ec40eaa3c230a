"""Reading plan-like YAML files safely, with every value's position kept.

Pipeline: ``read`` (bytes, size, encoding) → ``compose`` (libyaml node graph,
positions kept, nothing constructed) → ``convert`` (plain Python, with the
safety limits and key aliases applied).  Any problem raises :class:`LoadError`
carrying located, translated diagnostics; nothing here prints or exits.
"""
from ideo_cli.documents.document import LoadError, YamlDocument, load_yaml_file, load_yaml_text

__all__ = ["LoadError", "YamlDocument", "load_yaml_file", "load_yaml_text"]
