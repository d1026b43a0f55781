"""Settings from ``~/.config/ruydad/config.toml`` (or ``$RUYDAD_CONFIG``).

Example::

    calendar = "gregorian"   # shown first: jalali, gregorian or hijri
    bidi = "auto"            # logical, visual or auto
    digits = "auto"          # auto (Persian with Jalali and Hijri), persian or latin
    theme = "textual-light"  # any Textual theme

    [keys]                   # binding id = keys, comma-separated
    "timeline.down" = "j,down,ctrl+n"
    "app.quit" = "q,ctrl+q"

A missing default file means defaults; a file named by ``RUYDAD_CONFIG`` must
exist. Anything wrong is a ``ConfigError`` with one line naming the file.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from core.model import CALENDARS
from tui.bidi import BIDI_CHOICES
from tui.date_display import DIGIT_CHOICES

_CHOICES: dict[str, tuple[str, ...]] = {"calendar": CALENDARS, "bidi": BIDI_CHOICES, "digits": DIGIT_CHOICES}


class ConfigError(Exception):
    """A one-line message: which file, what is wrong."""


@dataclass(frozen=True, slots=True)
class Settings:
    calendar: str = "jalali"
    bidi: str = "auto"
    digits: str = "auto"
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)


def config_path(environ: Mapping[str, str] | None = None) -> tuple[Path, bool]:
    """The config file and whether it was named explicitly (then it must exist)."""
    env = os.environ if environ is None else environ
    if env.get("RUYDAD_CONFIG"):
        return Path(env["RUYDAD_CONFIG"]).expanduser(), True
    base = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else Path.home() / ".config"
    return base / "ruydad" / "config.toml", False


def load_settings(path: Path, required: bool = False) -> Settings:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if required:
            raise ConfigError(f"{path}: no such file (named by RUYDAD_CONFIG)") from None
        return Settings()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {(error.strerror or str(error)).lower()}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from None
    return settings_from(data, str(path))


def settings_from(data: Mapping[str, object], source: str) -> Settings:
    values: dict[str, object] = {}
    for name, value in data.items():
        if name in _CHOICES:
            if value not in _CHOICES[name]:
                raise ConfigError(f"{source}: {name} = {value!r}: choose one of {', '.join(_CHOICES[name])}")
            values[name] = value
        elif name == "theme":
            if not isinstance(value, str):
                raise ConfigError(f"{source}: theme must be a string")
            values[name] = value
        elif name == "keys":
            if not isinstance(value, dict) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                raise ConfigError(f'{source}: [keys] maps binding ids to strings, like "timeline.down" = "j,down"')
            values[name] = dict(value)
        else:
            raise ConfigError(f"{source}: unknown setting {name!r} (known: calendar, bidi, digits, theme, [keys])")
    return Settings(**values)  # type: ignore[arg-type]
