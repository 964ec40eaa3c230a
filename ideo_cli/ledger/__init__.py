"""The evidence ledger (台账): records matched to occurrences → derived status."""
