"""shiftwatch's comparison with the history, notifiers and scheduling (may import crawler, never the reverse)."""
