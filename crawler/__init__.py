"""shiftwatch's collection, extraction and storage: spiders, the seed-file loader, extractors, the database."""

__version__ = "0.1.0"
