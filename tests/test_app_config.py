"""Settings file, keymap checks and the ``ruydad`` command line before the app starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app_command import run_app
from tui.config import ConfigError, Settings, config_path, load_settings
from tui.app import binding_owners
from tui.keymap import HELP_SECTIONS, all_bindings, check_keymap, keys_in_effect


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_the_default_file_is_missing(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "nope.toml") == Settings()


def test_a_named_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="nope.toml: no such file"):
        load_settings(tmp_path / "nope.toml", required=True)


def test_reads_every_setting(tmp_path: Path) -> None:
    path = write(tmp_path, 'calendar = "gregorian"\nbidi = "visual"\ndigits = "latin"\ntheme = "textual-light"\n'
                           '[keys]\n"timeline.down" = "ctrl+n,j"\n')
    assert load_settings(path) == Settings("gregorian", "visual", "latin", "textual-light",
                                           {"timeline.down": "ctrl+n,j"})


@pytest.mark.parametrize("text, message", [
    ('calendar = "julian"\n', "calendar = 'julian': choose one of jalali, gregorian, hijri"),
    ('bidi = 1\n', "bidi = 1: choose one of logical, visual, auto"),
    ('colour = "red"\n', "unknown setting 'colour'"),
    ('theme = 3\n', "theme must be a string"),
    ('[keys]\n"timeline.down" = 5\n', "[keys] maps binding ids to strings"),
    ('calendar = \n', "at line 1"),                      # TOML syntax error, with its line
])
def test_bad_settings_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(str(path) + ": ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_config_path_from_environment(tmp_path: Path) -> None:
    assert config_path({"RUYDAD_CONFIG": str(tmp_path / "x.toml")}) == (tmp_path / "x.toml", True)
    assert config_path({"XDG_CONFIG_HOME": str(tmp_path)}) == (tmp_path / "ruydad" / "config.toml", False)


def test_every_binding_has_an_id_and_a_help_entry() -> None:
    bindings = all_bindings(binding_owners())
    listed = {binding_id for _, ids in HELP_SECTIONS for binding_id in ids}
    assert listed <= set(bindings)
    for binding_id in ("timeline.down", "timeline.top", "time.day-back", "time.year-forward", "article.next-event",
                       "article.back", "timeline.search", "timeline.filter", "view.calendar", "view.bidi",
                       "event.copy", "timeline.export", "app.help", "app.quit"):
        assert binding_id in listed


def test_check_keymap() -> None:
    assert check_keymap({"timeline.down": "ctrl+n"}, "c.toml", all_bindings(binding_owners())) == {"timeline.down": "ctrl+n"}
    with pytest.raises(ConfigError, match="c.toml: \\[keys\\] has no binding 'timeline.sideways'"):
        check_keymap({"timeline.sideways": "x"}, "c.toml", all_bindings(binding_owners()))
    with pytest.raises(ConfigError, match="has no key"):
        check_keymap({"timeline.down": " , "}, "c.toml", all_bindings(binding_owners()))


def test_keys_in_effect_follow_the_keymap() -> None:
    bindings = all_bindings(binding_owners())
    assert keys_in_effect(bindings["timeline.previous-year"], {}) == ["["]
    assert keys_in_effect(bindings["timeline.down"], {"timeline.down": "ctrl+n,x"}) == ["ctrl+n", "x"]


def test_run_app_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_app(["--bidi", "sideways"]) == 2
    assert "invalid choice" in capsys.readouterr().err
    assert run_app(["--help"]) == 0
    assert "--bidi" in capsys.readouterr().out


def test_run_app_bad_config_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RUYDAD_CONFIG", str(write(tmp_path, 'calendar = "julian"\n')))
    assert run_app([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ruydad: ") and err.count("\n") == 1 and "julian" in err


def test_run_app_unknown_theme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RUYDAD_CONFIG", str(write(tmp_path, 'theme = "neon"\n')))
    assert run_app([]) == 2
    assert "no theme 'neon'" in capsys.readouterr().err
    assert run_app(["--theme", "plaid"]) == 2
    assert capsys.readouterr().err.startswith("ruydad: --theme: no theme 'plaid'")


def test_run_app_needs_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RUYDAD_CONFIG", str(write(tmp_path, "")))
    assert run_app([]) == 2  # pytest captures stdout: not a terminal
    assert "ruydad extract" in capsys.readouterr().err
