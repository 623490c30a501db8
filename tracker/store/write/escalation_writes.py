"""The escalation ledger's writes (issue #17): issue an instrument, record its answer, close it
out (销号), each audited.

An instrument's number follows the official form 机关代字〔年份〕序号号 (GB/T 9704), e.g.
余发改督〔2026〕12号; the brackets [], ［］, () and （） are taken for 〔〕. No day is after
today; an answer is not before the issue; closing twice, or answering a closed instrument, is
refused with what the ledger holds. The ledger is the bureau's (coordinators write it).
"""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import Session

from tracker.config.escalation_ladder import Rung
from tracker.core.errors import InputError, NotFoundError
from tracker.i18n.catalogue import N_, Word
from tracker.store.escalation_model import Escalation
from tracker.store.model import Change, Project
from tracker.store.write.steering_writes import SteeringWrites

_NUMBER = re.compile(
    r"^(?P<agency>[^\s〔\[［(（]{1,30})[〔\[［(（](?P<year>\d{4})[〕\]］)）](?P<seq>\d{1,6})号$"
)
_MAX_TEXT = 500
LEDGER = Word(N_("instruments of the escalation ladder"))


def letter_number(text: str) -> str:
    """The number in its official form, or InputError naming the form expected."""
    found = _NUMBER.match(text.strip())
    if found is None:
        raise InputError(
            "--number", text, "a number such as 余发改督〔2026〕12号 (agency〔year〕number号)"
        )
    return f"{found['agency']}〔{found['year']}〕{int(found['seq'])}号"


def one_line(field: str, value: str | None, *, required: bool = False) -> str | None:
    if value is None and not required:
        return None
    if not value or not value.strip() or len(value) > _MAX_TEXT or any(ord(c) < 32 for c in value):
        raise InputError(field, value or "", "a text of 1 to 500 characters on one line")
    return value.strip()


def _still_open(record: Escalation, on: date) -> None:
    """Refuse to answer or close an instrument closed out already, or on a day before its issue."""
    if record.closed_on is not None:
        raise InputError(
            "ID",
            str(record.id),
            "an instrument not closed out: #{id} was closed out on {day} by {who}",
            id=record.id,
            day=record.closed_on.isoformat(),
            who=record.closed_by or "—",
        )
    if on < record.issued_on:
        raise InputError(
            "--on",
            on.isoformat(),
            "a day not before the issue, {on}",
            on=record.issued_on.isoformat(),
        )


class EscalationWrites(SteeringWrites):
    """The writes of the escalation ledger (Service inherits them)."""

    def issue_instrument(
        self,
        code: str,
        rung: Rung,
        *,
        number: str | None,
        addressee: str,
        due: date,
        on: date | None = None,
        evidence: str = "[]",
        illustrative: bool = False,
    ) -> Escalation:
        """Record an instrument of `rung` issued to the project `code` on `on` (today)."""
        if self.grant is not None:
            self.grant.refuse_bureau(LEDGER)
        issued = on or self.today()
        self.not_after_today("--on", issued)
        if due < issued:
            raise InputError(
                "--due", due.isoformat(), "a day not before the issue, {on}", on=issued.isoformat()
            )
        shown = None if number is None else letter_number(number)
        to = one_line("--to", addressee, required=True)
        with self.session() as session:
            project = self.project(session, code)
            if project.id is None:
                raise RuntimeError("a project must be saved before records can refer to it")
            record = Escalation(
                project_id=project.id,
                step=rung.key,
                instrument=rung.instrument,
                number=shown,
                addressee=to or "",
                issued_on=issued,
                due=due,
                evidence=evidence,
                illustrative=illustrative,
            )
            self._insert(session, record, project.code, shown or rung.key)
            return record

    def answer_instrument(self, ident: int, on: date, answer: str | None = None) -> list[Change]:
        """Record the answer received on `on` to the instrument `ident`."""
        self.not_after_today("--on", on)
        note = one_line("--note", answer)
        with self.session() as session:
            record = self._instrument(session, ident)
            _still_open(record, on)
            return self._update(
                session,
                record,
                self._code(session, record),
                {"answered_on": on, "answer": note},
                None,
            )

    def close_instrument(self, ident: int, on: date) -> list[Change]:
        """Close the instrument `ident` out (销号) on `on`, by this service's user."""
        self.not_after_today("--on", on)
        with self.session() as session:
            record = self._instrument(session, ident)
            _still_open(record, on)
            changes = {"closed_on": on, "closed_by": self.user}
            return self._update(session, record, self._code(session, record), changes, None)

    # -- what the writes need -------------------------------------------------------------

    def _instrument(self, session: Session, ident: int) -> Escalation:
        if self.grant is not None:
            self.grant.refuse_bureau(LEDGER)
        record = session.get(Escalation, ident)
        if record is None:
            raise NotFoundError(
                "ID", str(ident), "the number of an instrument in `tracker escalate list`"
            )
        return self._locked(session, record)

    @staticmethod
    def _code(session: Session, record: Escalation) -> str:
        project = session.get(Project, record.project_id)
        return "" if project is None else project.code
