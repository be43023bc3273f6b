"""参保's person (ui/enrollment/enrollment_page.py): the ID number typed or scanned and Enter — birth date, sex
and age filled in and checked against the chosen plan's age limits at once (age on the planned cover start);
a person already on file fills in their name, phone, employee number and unit, and one already covered by the
plan is said to be. Editing the number after a person was entered starts a new person: the previous one's
name, phone and employee number are cleared."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt, Signal

from mutualaid_desktop.ui.common.field_marks import unmark_invalid

if TYPE_CHECKING:
    from mutualaid_desktop.domain.idcard import IdNumber
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.enrollment.enrollment_page import EnrollmentPage
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner


class PersonEntry(QObject):
    """The person of the page's ID number (`person`, None until a valid number is entered), shown in the
    page's person line. `failed` carries an error of the lookup."""

    failed = Signal(object)

    def __init__(
        self,
        page: EnrollmentPage,
        db: Database,
        *,
        worker: TaskRunner,
        today: Callable[[], date],
    ) -> None:
        super().__init__(page)  # the page is its parent; no reference back to it (it is freed when dropped)
        self._db, self._worker, self._today = db, worker, today
        self.person: IdNumber | None = None
        self._lookup_for: str | None = None
        page.id_edit.textEdited.connect(self._id_edited)

    @property
    def _page(self) -> EnrollmentPage:
        return cast("EnrollmentPage", self.parent())

    def _id_edited(self, text: str) -> None:
        """A number entered before is being changed: a new person, the previous one's fields go."""
        if self.person is not None:
            self.person = None
            self._lookup_for = None
            self.set_text(" ", "")
            p = self._page
            for edit in (p.name_edit, p.phone_edit, p.employee_edit):
                edit.clear()
                unmark_invalid(edit)

    def entered(self) -> None:
        """Enter in the ID field (or a card reader's Enter): check and fill in, then go on."""
        p = self._page
        if self.parse() and self.person is not None:  # parsed: never None then
            self.look_up(self.person.normalized)
            p.name_edit.setFocus(Qt.FocusReason.TabFocusReason)
            p.name_edit.selectAll()
        else:
            p.id_edit.selectAll()

    def parse(self) -> bool:
        from mutualaid_desktop.domain.errors import InputError
        from mutualaid_desktop.domain.idcard import parse_id_number

        id_edit = self._page.id_edit
        try:
            self.person = person = parse_id_number(id_edit.text(), self._today())
        except InputError as exc:
            self.person = None
            self.set_text(exc.message, "error")
            return False
        if id_edit.text() != person.normalized:
            id_edit.setText(person.normalized)
        self.show()
        return True

    def show(self) -> None:
        """The person's birth date, sex and age (on the plan's cover start), and what bars them from the plan."""
        from mutualaid_desktop.services.enrollment.enrollment import age_problem

        person = self.person
        if person is None:
            return
        today = self._today()
        plan = self._page.plan()
        parts = [self.tr("出生 {date}").format(date=person.birth_date.isoformat()),
                 self.tr("男") if person.sex == "male" else self.tr("女")]  # fmt: skip
        problem = None
        if plan is not None:
            start = plan.planned_cover_start(today)
            parts.append(
                self.tr("保障开始日 {date} 时 {age} 周岁").format(date=start.isoformat(), age=person.age_on(start))
            )
            problem = age_problem(person, plan, today)
        else:
            parts.append(self.tr("{age} 周岁").format(age=person.age_on(today)))
        if person.converted_from:
            parts.append(self.tr("由15位号码升为18位"))
        text = " · ".join(parts)
        if problem and plan is not None:  # the age is already on the line above: say only what is wrong
            text += "\n" + self.tr("不符合参保条件：本计划参保年龄为 {low}至{high} 周岁").format(
                low=plan.min_age, high=plan.max_age
            )
        self.set_text(text, "error" if problem else "ok")

    def set_text(self, text: str, state: str) -> None:
        label = self._page.person_label
        label.setText(text)
        label.setProperty("state", state)
        label.style().unpolish(label)
        label.style().polish(label)

    def problem(self) -> str | None:
        """What the live check says about the person and the chosen plan (None: fine)."""
        from mutualaid_desktop.services.enrollment.enrollment import age_problem

        plan = self._page.plan()
        if self.person is None or plan is None:
            return None
        return age_problem(self.person, plan, self._today())

    def look_up_again(self) -> None:
        """Another plan chosen: whether the person on file is covered by it."""
        if self.person is not None and self._lookup_for:
            self.look_up(self.person.normalized)

    def look_up(self, number: str) -> None:
        from mutualaid_desktop.services.enrollment.enrollment import lookup_person

        self._lookup_for = number
        self._worker.submit(
            lookup_person,
            self._db,
            number,
            self._page.plan_code(),
            on_result=self._looked_up,
            on_error=self.failed.emit,
            context=self,
        )

    def _looked_up(self, found) -> None:
        if self.person is None or self._lookup_for != self.person.normalized:
            return  # the number changed meanwhile
        if found.member_id is None:
            return
        p = self._page
        if not p.name_edit.text().strip():
            p.name_edit.setText(found.name or "")
        if not p.phone_edit.text().strip():
            p.phone_edit.setText(found.phone or "")
        if not p.employee_edit.text().strip():
            p.employee_edit.setText(found.employee_no or "")
        if p.unit_code() is None and found.unit_code:
            index = p.unit_combo.findData(found.unit_code)
            if index >= 0:
                p.unit_combo.setCurrentIndex(index)
        note = self.tr("已登记会员：{name}（{unit}）").format(
            name=found.name, unit=found.unit_name or self.tr("无单位")
        )
        if found.covered:
            note += "\n" + self.tr("该会员已参加本计划，不能重复参保。")
        label = p.person_label
        self.set_text(label.text() + "\n" + note, "error" if found.covered else label.property("state"))

    def clear(self) -> None:
        """No person: the next one's card is awaited."""
        self.person = None
        self._lookup_for = None
        self.set_text(" ", "")
