"""Rule logic (``checks``), rule data (``rulebook``) and the per-plan runner (``engine``)."""
