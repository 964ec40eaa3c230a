"""The roll-up laid out: terminal table, json/csv/xlsx, the score ranking, shared labels."""
