"""Named errors of shiftwatch; the CLI turns each into one `Error: ...` line."""


class ShiftwatchError(Exception):
    """Base class of every error shiftwatch raises on purpose."""


class DataFileError(ShiftwatchError):
    """A data file under seeds/ (actors, anniversaries, sources, ...) is missing or invalid."""


class ConfigError(ShiftwatchError):
    """The configuration file is missing, unreadable or holds a bad value."""


class DocumentError(ShiftwatchError):
    """One input document could not be read or parsed."""


class NoArticleTextError(DocumentError):
    """A document holds no article text (an empty page, a photo gallery): `load` skips it, it has not failed."""


class DatabaseError(ShiftwatchError):
    """The database cannot be opened or written (read-only file, full disk, locked)."""


class ModelNotFoundError(ShiftwatchError):
    """The spaCy pipeline named in the configuration is not installed."""


class DeliveryError(ShiftwatchError):
    """An alert could not be delivered by a notifier."""


class DatabaseNotFoundError(ShiftwatchError):
    """The database file to browse or read does not exist."""


class ServeError(ShiftwatchError):
    """The Datasette server cannot start (address in use, bad host or port)."""


class QueueError(ShiftwatchError):
    """The Redis server of distributed crawling cannot be reached, or another ingester holds its lock."""
