"""Extract: article text, dates, the spaCy pipeline, events, anniversaries, syndication and clusters (the process stage)."""
