"""The plan file: format (``model``), vocabulary (``vocab``), loading (``load``)."""
