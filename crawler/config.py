"""The configuration: bundled defaults deep-merged with the user's TOML file, checked key by key.

`crawler/defaults.toml` is the schema: every section and key a user may set is there with its default, and a
default's type is the type the key takes (an integer default also takes no fraction, a float takes any
number, a list takes strings). A user's file with a key or section the defaults lack, or a value of another
type, is a ConfigError naming the file, the section, the key and the nearest valid key.
"""

from __future__ import annotations

import copy
import difflib
import os
import tomllib
from pathlib import Path
from typing import Any

from crawler.errors import ConfigError

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULTS_FILE = Path(__file__).with_name("defaults.toml")

# Keys without a default in defaults.toml, because leaving them out means something of its own (documented
# there in a comment): the value their type takes is given here.
OPTIONAL_KEYS: dict[tuple[str, str], Any] = {
    ("notify", "notifiers"): ["log"],  # unset: log, plus email when SMTP is configured
}
# Keys with a whole-number default that also take a fraction.
FRACTIONAL_KEYS = {
    ("schedule", "interval_minutes"),
    ("crawl", "timeout"),
    ("crawl", "max_minutes"),
    ("email", "timeout"),
}
# Keys that take a comma-separated string as well as a list of strings.
STRING_OR_LIST_KEYS = {("email", "mail_to")}


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
    except IsADirectoryError as exc:
        raise ConfigError(f"{path}: a folder, not a TOML file") from exc
    except PermissionError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


def _nearest(name: str, known: list[str]) -> str | None:
    match = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return match[0] if match else None


def _type_problem(section: str, key: str, value: Any, default: Any) -> str | None:
    """What is wrong with `value` for a key whose default is `default`, or None."""
    where = (section, key)
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "expected true or false"
    if isinstance(default, int) and where not in FRACTIONAL_KEYS:
        return None if isinstance(value, int) and not isinstance(value, bool) else "expected a whole number"
    if isinstance(default, int | float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else "expected a number"
    if isinstance(default, str):
        return None if isinstance(value, str) else "expected a string (in quotes)"
    if isinstance(default, list):
        if where in STRING_OR_LIST_KEYS and isinstance(value, str):
            return None
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return None
        return "expected a list of strings" + (
            " or one comma-separated string" if where in STRING_OR_LIST_KEYS else ""
        )
    return None


def check_config(user: dict, defaults: dict, path: str | os.PathLike) -> None:
    """Raise ConfigError for every unknown section or key and every wrongly typed value of a user's file."""
    problems: list[str] = []
    sections = sorted(name for name, table in defaults.items() if isinstance(table, dict))
    for section, table in user.items():
        if section not in defaults:
            if not isinstance(table, dict):
                owner = next((s for s in sections if section in defaults[s]), None)
                hint = (
                    f"; did you mean [{owner}] {section}?"
                    if owner
                    else f"; sections are {', '.join(sections)}"
                )
                problems.append(f"{section} is outside any section{hint}")
                continue
            near = _nearest(section, sections)
            hint = f"did you mean [{near}]?" if near else f"sections are {', '.join(sections)}"
            problems.append(f"[{section}]: unknown section; {hint}")
            continue
        if not isinstance(table, dict):
            problems.append(f"{section} = {table!r}: [{section}] is a section, not a value")
            continue
        known = {**defaults[section], **{k: v for (s, k), v in OPTIONAL_KEYS.items() if s == section}}
        for key, value in table.items():
            if key not in known:
                near = _nearest(key, sorted(known))
                hint = (
                    f"did you mean {near}?"
                    if near
                    else f"the keys of [{section}] are {', '.join(sorted(known))}"
                )
                problems.append(f"[{section}] {key}: unknown key; {hint}")
                continue
            problem = _type_problem(section, key, value, known[key])
            if problem:
                problems.append(f"[{section}] {key} = {_show(value)}: {problem}")
    if problems:
        raise ConfigError(
            f"{path}: "
            + "; ".join(problems)
            + f" (every setting is in crawler/{DEFAULTS_FILE.name}, with its default)"
        )


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "{...}"
    return repr(value)


def load_config(path: str | os.PathLike | None = None) -> dict[str, Any]:
    """Load the configuration: defaults, then --config / $SHIFTWATCH_CONFIG / ./shiftwatch.toml if present.

    Raises ConfigError for a file that cannot be read, is not TOML, or has an unknown or wrongly typed key.
    """
    defaults = read_toml(DEFAULTS_FILE)
    chosen = path or os.environ.get("SHIFTWATCH_CONFIG")
    if not chosen and Path("shiftwatch.toml").is_file():
        chosen = "shiftwatch.toml"
    if not chosen:
        return defaults
    user = read_toml(Path(chosen))
    check_config(user, defaults, chosen)
    config = deep_merge(defaults, user)
    config["_path"] = str(Path(chosen).resolve())
    return config


def data_path(config: dict, name: str) -> Path:
    """Path of one data file named in [data] (actors, anniversaries, ...), resolved against data.dir."""
    folder = Path(config["data"]["dir"])
    if not folder.is_absolute():
        folder = PROJECT_DIR / folder
    path = Path(config["data"][name])
    return path if path.is_absolute() else folder / path
