"""The configuration: bundled defaults deep-merged with the user's TOML file."""

from __future__ import annotations

import copy
import os
import tomllib
from pathlib import Path
from typing import Any

from crawler.errors import ConfigError

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULTS_FILE = Path(__file__).with_name("defaults.toml")


def deep_merge(base: dict, override: dict) -> dict:
    """Return base with override merged in, tables recursively, other values replaced."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def read_toml(path: Path) -> dict:
    """Read one TOML file, raising ConfigError with the file and the parser's reason."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


def load_config(path: str | os.PathLike | None = None) -> dict[str, Any]:
    """Load the configuration: defaults, then --config / $SHIFTWATCH_CONFIG / ./shiftwatch.toml if present."""
    config = read_toml(DEFAULTS_FILE)
    chosen = path or os.environ.get("SHIFTWATCH_CONFIG")
    if chosen:
        user = read_toml(Path(chosen))
        config = deep_merge(config, user)
        config["_path"] = str(Path(chosen).resolve())
    elif Path("shiftwatch.toml").is_file():
        config = deep_merge(config, read_toml(Path("shiftwatch.toml")))
        config["_path"] = str(Path("shiftwatch.toml").resolve())
    unknown = set(config) - set(read_toml(DEFAULTS_FILE)) - {"_path"}
    if unknown:
        raise ConfigError(
            f"unknown section(s) {sorted(unknown)} in {config.get('_path')}; "
            f"known: {sorted(read_toml(DEFAULTS_FILE))}"
        )
    return config


def data_path(config: dict, name: str) -> Path:
    """Path of one data file named in [data] (actors, anniversaries, ...), resolved against data.dir."""
    folder = Path(config["data"]["dir"])
    if not folder.is_absolute():
        folder = PROJECT_DIR / folder
    path = Path(config["data"][name])
    return path if path.is_absolute() else folder / path
