"""Follow-ups: contact tasks fall only inside the applicant's safe windows (in their time
zone), the queue shows what is due and which cases deploy soon, operators see only their own
cases' tasks, notes are sealed, and the console says plainly whether a call is safe now."""
import datetime
import os
import re
import unittest

from harness import ServerTest, minimal_application

NOTE = "ЗаметкаМаркер-91d2"


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


class Followups(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("r.operator", "operator", "synthetic-operator-password")
        self.server.start()
        now = utc_now()
        # Case 1: a daily hour-long window two hours from now, on UTC+00:00.
        self.hour = (now.hour + 2) % 24
        window = f"daily {self.hour:02}:00-{(self.hour + 1) % 24:02}:00"
        soon = (now.date() + datetime.timedelta(days=5)).isoformat()
        later = (now.date() + datetime.timedelta(days=40)).isoformat()
        contact = {"channel": "signal", "handle": "@synthetic", "safe_windows": [window], "utc_offset": "+00:00"}
        self.assertEqual(self.server.submit(minimal_application(contact=contact, deploy_by=soon))[0], 201)
        # Case 2: a window open right now (the whole day), deploying in 40 days.
        contact2 = {"channel": "signal", "handle": "@synthetic2", "safe_windows": ["00:00-12:00", "12:00-00:00"]}
        status, body, _ = self.server.submit(minimal_application(contact=contact2, deploy_by=later))
        self.assertEqual(status, 201, body)
        self.coordinator = self.server.sign_in()
        self.operator = self.server.sign_in("r.operator", "synthetic-operator-password")

    def next_window_start(self):
        now = utc_now()
        start = now.replace(hour=self.hour, minute=0, second=0, microsecond=0)
        if start + datetime.timedelta(hours=1) <= now:
            start += datetime.timedelta(days=1)
        return int(start.timestamp())

    def add_task(self, case_id, auth=None, **body):
        return self.server.json("POST", f"/api/v1/cases/{case_id}/tasks", body, headers=auth or self.coordinator)

    def test_contacts_are_scheduled_only_inside_the_applicants_windows(self):
        start = self.next_window_start()
        _, case, _ = self.server.json("GET", "/api/v1/cases/1", headers=self.coordinator)
        self.assertEqual(case["contact"]["utc_offset"], "+00:00")
        self.assertFalse(case["contact"]["inside_window_now"])
        self.assertEqual(case["contact"]["next_windows"][0], {"start": start, "end": start + 3600})

        status, body, _ = self.add_task(1, kind="contact", due_at=start - 3600)
        self.assertEqual((status, body["error"]["field"]), (400, "due_at"))
        self.assertIn("outside the applicant's safe windows", body["error"]["message"])
        status, body, _ = self.add_task(1, kind="contact")
        self.assertEqual((status, body["due_at"]), (201, start))
        status, body, _ = self.add_task(1, kind="contact", due_at=start + 600, note=NOTE)
        self.assertEqual((status, body["due_at"]), (201, start + 600))
        status, body, _ = self.add_task(1, kind="check")
        self.assertEqual(status, 201)
        self.assertAlmostEqual(body["due_at"], int(utc_now().timestamp()) + 86400, delta=60)

        _, case, _ = self.server.json("GET", "/api/v1/cases/1", headers=self.coordinator)
        self.assertEqual([t["kind"] for t in case["tasks"]][:2], ["contact", "contact"])
        self.assertIn(NOTE, [t["note"] for t in case["tasks"]])

        cookie = {"Cookie": self.coordinator["Cookie"]}
        page = self.server.request("GET", "/console/cases/1", headers=cookie)[2].decode()
        self.assertIn("Сейчас НЕ связывайтесь", page)
        self.assertIn(f'<option value="{start}">', page)
        page2 = self.server.request("GET", "/console/cases/2", headers=cookie)[2].decode()
        self.assertIn("Сейчас безопасное время связи", page2)

        self.server.stop()
        for name in self.server.data_files():
            with open(name, "rb") as f:
                self.assertNotIn(NOTE.encode(), f.read(), name)

    def test_times_are_utc_with_the_applicants_clock_beside_them_where_it_matters(self):
        # Case 3: on UTC+05:00, a daily window that starts when case 1's does, in UTC.
        local_hour = (self.hour + 5) % 24
        window = f"daily {local_hour:02}:00-{(local_hour + 1) % 24:02}:00"
        contact = {"channel": "signal", "handle": "@synthetic3", "safe_windows": [window], "utc_offset": "+05:00"}
        self.assertEqual(self.server.submit(minimal_application(contact=contact))[0], 201)
        start = self.next_window_start()
        status, body, _ = self.add_task(3, kind="contact")
        self.assertEqual((status, body["due_at"]), (201, start))
        self.assertEqual(self.add_task(3, kind="check")[0], 201)

        utc = datetime.datetime.fromtimestamp(start, datetime.timezone.utc)
        local = utc + datetime.timedelta(hours=5)
        weekday = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"][local.weekday()]
        both = (f"{utc:%Y-%m-%d %H:%M} UTC ({weekday} {local:%d.%m %H:%M} у заявителя, UTC+05:00)")
        cookie = {"Cookie": self.coordinator["Cookie"]}
        page = self.server.request("GET", "/console/cases/3", headers=cookie)[2].decode()
        self.assertIn(f"Ближайшее окно: {both}.", page)  # the banner
        self.assertIn(f'<option value="{start}">окно: {both}</option>', page)  # the task form
        self.assertIn(f'<p class="task">{both} · связаться', page)  # the contact task
        # A reminder is the office's own: UTC alone.
        self.assertRegex(page, r'<p class="task">\d{4}-\d\d-\d\d \d\d:\d\d UTC · проверить')
        # The Today page lists many cases' tasks unopened: UTC alone, said on every line.
        today = self.server.request("GET", "/console/today", headers=cookie)[2].decode()
        self.assertIn(f"<td>{utc:%Y-%m-%d %H:%M} UTC</td>", today)
        self.assertNotIn("у заявителя", today)

    def test_the_queue_shows_what_is_due_and_who_deploys_soon(self):
        self.assertEqual(self.add_task(1, kind="contact")[0], 201)
        _, overdue, _ = self.add_task(2, kind="other", due_at=int(utc_now().timestamp()) - 600)
        status, queue, _ = self.server.json("GET", "/api/v1/queue", headers=self.coordinator)
        self.assertEqual(status, 200)
        self.assertEqual([(t["case_id"], t["overdue"]) for t in queue["tasks"]], [(2, True), (1, False)])
        self.assertNotIn("note", queue["tasks"][0])
        self.assertEqual([c["id"] for c in queue["deploying_soon"]], [1])

        # An operator sees only the tasks of cases they hold.
        self.assertEqual(self.server.json("GET", "/api/v1/queue", headers=self.operator)[1]["tasks"], [])
        self.assertEqual(self.server.json("POST", "/api/v1/cases/2/claim", {}, headers=self.operator)[0], 204)
        _, mine, _ = self.server.json("GET", "/api/v1/queue", headers=self.operator)
        self.assertEqual([t["case_id"] for t in mine["tasks"]], [2])
        self.assertEqual(self.add_task(1, self.operator, kind="check")[0], 403)  # not claimed

        self.assertEqual(self.server.json("POST", f"/api/v1/tasks/{overdue['id']}/done", {}, headers=self.operator)[0], 204)
        self.assertEqual(self.server.json("POST", f"/api/v1/tasks/{overdue['id']}/done", {}, headers=self.operator)[0], 409)
        self.assertEqual(self.server.json("POST", "/api/v1/tasks/999/done", {}, headers=self.operator)[0], 404)
        _, queue, _ = self.server.json("GET", "/api/v1/queue", headers=self.coordinator)
        self.assertEqual([t["case_id"] for t in queue["tasks"]], [1])

        cookie = {"Cookie": self.coordinator["Cookie"]}
        page = self.server.request("GET", "/console/today", headers=cookie)[2].decode()
        self.assertIn('href="/console/cases/1"', page)
        self.assertIn("Скоро отправка", page)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        task_id = re.search(r'action="/console/tasks/(\d+)/done"', page).group(1)
        status, headers, _ = self.server.request("POST", f"/console/tasks/{task_id}/done",
                                                 headers={"Content-Type": "application/x-www-form-urlencoded", **cookie},
                                                 raw=f"csrf={csrf}".encode())
        self.assertEqual((status, headers.get("location")), (303, "/console/today"))
        self.assertEqual(self.server.json("GET", "/api/v1/queue", headers=self.coordinator)[1]["tasks"], [])

    def test_bad_task_requests_are_refused(self):
        for body, field in [({"kind": "call"}, "kind"), ({"kind": "check", "due_at": "soon"}, "due_at"),
                            ({"kind": "check", "due_at": int(utc_now().timestamp()) + 400 * 86400}, "due_at"),
                            ({"kind": "check", "note": "x" * 501}, "note"), ({"kind": "check", "note": "a\u0007"}, "note")]:
            status, answer, _ = self.add_task(1, **body)
            self.assertEqual((status, answer["error"]["field"]), (400, field), body)
        self.assertEqual(self.add_task(99, kind="check")[0], 404)
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/tasks", {"kind": "check"},
                                          headers={"Cookie": self.coordinator["Cookie"]})[0], 403)


if __name__ == "__main__":
    unittest.main()
