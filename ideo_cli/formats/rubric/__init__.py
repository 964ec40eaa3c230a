"""The rubric (考核细则) file kind: model, vocabulary, schema, loading with ``extends``, checks."""
from ideo_cli.formats.rubric.load import Rubric, RubricError, load_rubric
from ideo_cli.formats.rubric.model import is_rubric

__all__ = ["Rubric", "RubricError", "is_rubric", "load_rubric"]
