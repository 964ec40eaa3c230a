"""Check functions, one module per area of the digest (roles, obligations …)."""
