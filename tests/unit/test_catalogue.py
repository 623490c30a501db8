"""One catalogue of words: every message in the code is in the zh_CN catalogue, translated,
compiled, and a Chinese command line is refused in Chinese."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.pofile import read_po

from tracker.cli.main import main
from tracker.core.money import AmountInputError, parse_amount
from tracker.i18n.refusal import refusal_text

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "tracker/i18n/locale/zh_CN/LC_MESSAGES/tracker.po"
MO = PO.with_suffix(".mo")
KEYWORDS = (
    "tr:2",
    "ntr:2,3",
    "ptr:2c,3",
    "N_",
    "_label:1c,2",
    "InputError:3",
    "NotFoundError:3",
    "ConflictError:1",
    "SchemaError:1",
    "UnreachableDatabase:1",
    "UsageError:1",
    "PermissionRefused:1",
)
"""The functions whose literal arguments are message ids: the `-k` of `pybabel extract`."""


def catalogue() -> list:
    with PO.open("rb") as file:
        return [m for m in read_po(file, locale="zh_CN") if m.id]


def test_every_message_has_a_chinese_translation():
    messages = catalogue()
    untranslated = [
        m.id
        for m in messages
        if m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,))
    ]
    assert len(messages) > 300
    assert untranslated == []


def test_every_message_in_the_code_is_in_the_catalogue():
    found = {
        (context, message[0] if isinstance(message, tuple) else message)
        for _, _, message, _, context in extract_from_dir(
            ROOT / "tracker",
            method_map=[("**.py", "python")],
            keywords=parse_keywords(list(KEYWORDS)),
            comment_tags=(),
            strip_comment_tags=True,
        )
    }
    known = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalogue()}
    assert len(found) > 300
    assert found - known == set()


def test_the_compiled_catalogue_is_the_catalogue():
    with MO.open("rb") as file:
        compiled = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    expected: dict[object, str] = {}
    for m in catalogue():
        key = m.id if m.context is None else f"{m.context}\x04{m.id}"
        if isinstance(m.id, tuple):
            key = m.id[0] if m.context is None else f"{m.context}\x04{m.id[0]}"
            expected.update({(key, n): text for n, text in enumerate(m.string)})
        else:
            expected[key] = m.string
    assert {k: v for k, v in compiled.items() if k != ""} == expected


# Three ASCII words in a row, once quoted values, `commands` and --options are set aside.
ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}")
SET_ASIDE = re.compile(r"'[^']*'|`[^`]*`|--?[a-z][a-z-]*")


def english_in(text: str) -> list[str]:
    """The runs of three or more English words in `text`, codes and values aside."""
    return ENGLISH.findall(SET_ASIDE.sub(" ", text))


def test_english_in_finds_a_sentence_and_spares_codes():
    assert english_in("tracker: --forecast: '2027-02-30' is not valid: expected") != []
    assert english_in("the forecast moved") == ["the forecast moved"]
    assert english_in("tracker: 预计时间（--forecast）：'2027-02-30 is a day' 无效") == []


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "t.db"
    monkeypatch.setenv("TRACKER_DB", str(db))
    monkeypatch.setenv("TRACKER_TODAY", "2027-01-10")
    monkeypatch.setenv("TRACKER_USER", "officer-wang")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert main(["--lang", "en", "init", "--demo"]) == 0
    return db


def refusal(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """The exit status of `tracker ARGV` and the one line it wrote to stderr."""
    capsys.readouterr()
    status = main(argv)
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    return status, err.strip()


def test_a_bad_forecast_is_refused_in_chinese(demo, capsys):
    argv = ["milestone", "set", "YH-SPORTS", "竣工验收", "--forecast", "2027-02-30"]
    assert refusal(["--lang", "zh", *argv], capsys) == (
        2,
        "tracker: 预计时间（--forecast）：'2027-02-30' 无效："
        "应为YYYY-MM-DD、YYYY-MM、YYYY-Qn、YYYY、2027年3月、+2w/-10d/+3m 或“今天”",
    )
    assert refusal(["--lang", "en", *argv], capsys) == (
        2,
        "tracker: --forecast: '2027-02-30' is not valid: "
        "expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY, 2027年3月, +2w/-10d/+3m or today",
    )


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["milestone", "done", "YH-SPORTS", "竣工验收", "--on", "2027-03"], 2),
        (["milestone", "set", "YH-SPORTS", "竣工验收", "--forecast", "1850-01"], 2),
        (["--today", "2027-13-01", "alerts"], 2),
        (["show", "NOPE"], 2),
        (["milestone", "set", "NOPE", "竣工验收", "--forecast", "2027-03"], 2),
        (["milestone", "set", "YH-SPORTS", "nothing-such", "--forecast", "2027-03"], 2),
        (["milestone", "add", "YH-SPORTS", "新节点", "--lead", "soon"], 2),
        (["light", "set", "YH-SPORTS", "--light", "purple", "--reason", "x"], 2),
        (["remind", "--within", "3x"], 2),
        (["remind", "--project", "NOPE"], 2),
        (["nosuch"], 2),
        (["milestone", "set", "YH-SPORTS"], 2),
        (["--db", "/nonexistent/t.db", "alerts"], 2),
    ],
)
def test_every_refusal_is_in_chinese(demo, capsys, argv, status):
    code, line = refusal(["--lang", "zh", *argv], capsys)
    assert code == status
    assert line.startswith("tracker: ")
    assert english_in(line) == []


def test_a_conflict_is_refused_in_chinese(demo, capsys):
    argv = ["milestone", "set", "YH-SPORTS", "竣工验收", "--forecast", "2027-05", "--version", "1"]
    assert main(["--lang", "zh", *argv]) == 0
    status, line = refusal(["--lang", "zh", *argv], capsys)
    assert status == 1
    assert "已于" in line and "officer-wang" in line
    assert english_in(line) == []
    status, line = refusal(["--lang", "en", *argv], capsys)
    assert "your change was not saved; reload and try again" in line


def test_a_bad_amount_is_refused_in_chinese():
    with pytest.raises(AmountInputError) as raised:
        parse_amount("95亿亿")
    assert refusal_text(raised.value, "zh").startswith("'95亿亿' 不是金额：应为金额，如 ")
    assert refusal_text(raised.value, "en") == str(raised.value)
    assert english_in(refusal_text(raised.value, "zh")) == []
