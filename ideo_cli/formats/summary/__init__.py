"""The unit status summary (``*.status.json``, written by ``ideo status --format json``) as a file kind."""
