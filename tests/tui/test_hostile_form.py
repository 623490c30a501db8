"""A hostile amount through a TUI form: the form reads it with the CLI's and importer's parser."""

from __future__ import annotations

from textual.widgets import Input, Static

from tracker.tui.screens.form import Form

MONTH_AMOUNT = (
    "SELECT r.amount_cents FROM investment_report r JOIN project p ON p.id = r.project_id "
    "WHERE p.code = 'YH-SPORTS' AND r.year = 2026 AND r.month = 11"
)


async def _type(pilot, form: Form, field: str, text: str) -> None:
    box = form.query_one(f"#field-{field}", Input)
    box.focus()
    box.value = ""
    await pilot.press(*text)


def test_the_investment_form_refuses_95yi_yi_and_reads_shi_yi(
    make_app, drive, wait, demo_url, db_rows
):
    before = db_rows(demo_url, MONTH_AMOUNT)

    async def scenario(pilot):
        pilot.app.open_project("YH-SPORTS")
        await wait(pilot)
        await pilot.press("down", "i")
        await wait(pilot)
        form = pilot.app.screen
        assert isinstance(form, Form)
        await _type(pilot, form, "amount", "95亿亿")
        assert "is not an amount" in str(form.query_one("#echo-amount", Static).render())
        await pilot.press("ctrl+s")
        await wait(pilot)
        assert pilot.app.screen is form  # refused: the form stays, nothing written
        assert db_rows(demo_url, MONTH_AMOUNT) == before
        await _type(pilot, form, "amount", "十亿")
        assert str(form.query_one("#echo-amount", Static).render()).startswith(
            "十亿 → 1,000,000,000 yuan"
        )
        await pilot.press("ctrl+s")
        await wait(pilot)

    drive(make_app(), scenario)
    assert db_rows(demo_url, MONTH_AMOUNT) == [(1_000_000_000 * 100,)]
