"""`shiftwatch serve`: browse the database in Datasette, with shiftwatch's metadata, plugin, templates and CSS.

The files live in alerts/browse/datasette/. The database is opened in the normal (not immutable) mode because the
crawler may write while analysts browse: the store keeps it in WAL mode, and Datasette's own connections are
read-only (`mode=ro`), so pages never wait for a crawl to finish and no page can write.
"""

from __future__ import annotations

import asyncio
import copy
import ipaddress
import logging
import socket
from pathlib import Path

from alerts.browse import DATABASE_NAME, PLUGIN_NAME
from crawler.config import data_path
from crawler.errors import DatabaseNotFoundError, ServeError
from crawler.extract.anniversaries import cached_anniversaries
from crawler.extract.kinds import contact_kinds
from crawler.store import Store

log = logging.getLogger(__name__)

DATASETTE_DIR = Path(__file__).with_name("datasette")
METADATA_FILE = DATASETTE_DIR / "metadata.yml"
PLUGINS_DIR = DATASETTE_DIR / "plugins"
TEMPLATES_DIR = DATASETTE_DIR / "templates"
STATIC_DIR = DATASETTE_DIR / "static"
STATIC_MOUNT = "static"  # served at /static/; not DATABASE_NAME, which is the database's URL

SETTINGS = {
    "sql_time_limit_ms": 5000,
    "facet_time_limit_ms": 1000,
    "default_facet_size": 20,
    "truncate_cells_html": 400,  # article texts would otherwise fill the table pages
    "allow_download": False,
}


def prepare_database(db_path: str | Path, config: dict) -> None:
    """Bring the database up to date (migrations, WAL) and copy the anniversaries of the data file into it."""
    anniversaries = cached_anniversaries(str(data_path(config, "anniversaries")))
    with Store(db_path) as store:
        count = store.sync_anniversaries(anniversaries)
    log.debug("copied %d anniversaries into %s", count, db_path)


def load_metadata(config: dict) -> dict:
    """The bundled metadata with the plugin settings taken from the configuration."""
    from datasette.utils import parse_metadata

    metadata = parse_metadata(METADATA_FILE.read_text(encoding="utf-8"))
    metadata = copy.deepcopy(metadata)
    plugin = metadata.setdefault("plugins", {}).setdefault(PLUGIN_NAME, {})
    plugin["database"] = DATABASE_NAME
    plugin["contact_kinds"] = list(contact_kinds(data_path(config, "kinds")))
    return metadata


def build_datasette(db_path: str | Path, config: dict):
    """A Datasette instance on the database, named "shiftwatch", with the bundled files (not yet started)."""
    from datasette.app import Datasette
    from datasette.database import Database

    ds = Datasette(
        [],
        metadata=load_metadata(config),
        plugins_dir=str(PLUGINS_DIR),
        template_dir=str(TEMPLATES_DIR),
        static_mounts=[(STATIC_MOUNT, str(STATIC_DIR))],
        settings=SETTINGS,
        cache_headers=True,
    )
    ds.remove_database("_memory")  # added because no file was passed to the constructor
    ds.add_database(Database(ds, path=str(db_path), is_mutable=True), name=DATABASE_NAME)
    return ds


def check_address(host: str, port: int) -> None:
    """Fail early, with a hint, when the address cannot be bound."""
    if not 0 < port < 65536:
        raise ServeError(f"port {port} is out of range (use 1-65535, e.g. --port 8001)")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ServeError(f"cannot resolve host {host!r}: {exc.strerror} (use e.g. --host 127.0.0.1)") from exc
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise ServeError(
                f"cannot listen on {host}:{port}: {exc.strerror} (is another server running there? "
                "choose another --port)"
            ) from exc


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _quiet_rich_tracebacks() -> None:
    """Datasette prints a full traceback, with every local variable, for each 4xx (a typo in a SQL query, a
    missing page) when `rich` is installed; the page already shows the error. Server errors still print
    a plain traceback."""
    try:
        import rich
    except ImportError:
        return
    rich.reconfigure(quiet=True)


def serve(db_path: str | Path, config: dict, host: str | None = None, port: int | None = None) -> int:
    """Run Datasette on the database in the foreground until interrupted; return the exit status.

    Binds to config [serve] host and port (127.0.0.1:8001) unless given. Before serving, applies pending
    migrations and copies the anniversaries of the data file into the database, so that the anniversary
    matrix lists them. Raises DatabaseNotFoundError when there is no database at db_path.
    """
    import uvicorn

    path = Path(db_path)
    if not path.is_file():
        raise DatabaseNotFoundError(
            f"no database at {db_path} (create it with `shiftwatch --db {db_path} load seeds/articles`, "
            "or point --db at an existing one)"
        )
    host = host or config["serve"]["host"]
    port = int(port if port is not None else config["serve"]["port"])
    check_address(host, port)
    if not _is_loopback(host):
        log.warning("serving on %s: anyone who can reach this address can read the database", host)
    prepare_database(path, config)
    _quiet_rich_tracebacks()
    ds = build_datasette(path, config)
    asyncio.run(ds.invoke_startup())
    shown = f"[{host}]" if ":" in host else host
    print(f"Serving {db_path} at http://{shown}:{port}/ (Ctrl-C to stop)", flush=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
    return 0
