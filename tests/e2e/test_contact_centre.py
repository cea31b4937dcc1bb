"""The contact centre over HTTP: a coordinator adds operators and lines, the telephony side
(with its token) sends call events and operators' states and is told whom to ring, and the
wallboard and the queue log follow. Bad, repeated and out-of-order events get clear answers."""
import http.client
import json
import os
import time

from harness import ServerTest

TOKEN = "synthetic-telephony-token-0123456789"


class ContactCentre(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("op.wall", "operator", "synthetic-op-wall-password")
        self.server.add_user("analyst", "analyst", "synthetic-analyst-password")
        token_file = os.path.join(self.server.secrets, "telephony")
        with open(token_file, "w") as f:
            f.write(TOKEN + "\n")
        self.server.start(extra=["--telephony-token-file", token_file])
        self.coordinator = self.server.sign_in()
        self.phone = {"Authorization": "Bearer " + TOKEN}
        for name, languages in [("ext-1", ["ru"]), ("ext-2", ["ru", "uk"])]:
            status, body, _ = self.server.json("POST", "/api/v1/contact-centre/operators",
                                               {"id": name, "languages": languages}, headers=self.coordinator)
            self.assertEqual(status, 201, body)
        self.assertEqual(self.server.json("PUT", "/api/v1/contact-centre/lines", {"lines": 3},
                                          headers=self.coordinator)[0], 204)

    def event(self, event, call, headers=None, **fields):
        return self.server.json("POST", "/api/v1/contact-centre/events", {"event": event, "call": call, **fields},
                                headers=headers or self.phone)

    def state(self, name, state, headers=None):
        return self.server.json("PUT", f"/api/v1/contact-centre/operators/{name}/state", {"state": state},
                                headers=headers or self.phone)

    def wallboard(self, headers=None):
        return self.server.json("GET", "/api/v1/contact-centre/wallboard", headers=headers or self.coordinator)

    def test_calls_are_routed_by_language_and_idleness_and_the_wallboard_follows(self):
        self.assertEqual(self.state("ext-1", "available")[0], 200)
        self.assertEqual(self.state("ext-2", "available")[0], 200)
        status, orders, _ = self.event("offered", "sip-call-1", language="ru")
        self.assertEqual((status, orders["ring"]), (200, [{"call": "sip-call-1", "operator": "ext-1"}]))
        status, orders, _ = self.event("offered", "sip-call-2", language="uk")
        self.assertEqual(orders["ring"], [{"call": "sip-call-2", "operator": "ext-2"}])
        self.assertEqual(self.event("answered", "sip-call-1", operator="ext-1")[0], 200)
        status, orders, _ = self.event("offered", "sip-call-3", language="ru", priority=2)
        self.assertEqual(orders["ring"], [])  # nobody free: it waits
        status, position, _ = self.server.json("GET", "/api/v1/contact-centre/calls/sip-call-3/position",
                                               headers=self.phone)
        self.assertEqual((status, position["ahead"]), (200, 0))
        self.assertGreater(position["estimated_wait_seconds"], 0)
        # Every line is in use now: the next call overflows.
        self.assertEqual(self.event("offered", "sip-call-4", language="ru")[1]["ring"], [])

        status, board, _ = self.wallboard()
        self.assertEqual(status, 200)
        self.assertEqual((board["waiting"], board["lines"], board["lines_in_use"]), (1, 3, 3))
        self.assertEqual(board["operators_by_state"]["on_call"], 1)
        self.assertEqual(board["operators_by_state"]["ringing"], 1)
        self.assertEqual(board["today"]["offered"], 4)
        self.assertEqual(board["today"]["overflowed"], 1)
        self.assertEqual(board["today"]["answered"], 1)
        self.assertEqual(board["today"]["service_level"], 1.0)
        self.assertEqual([o["id"] for o in board["operators"]], ["ext-1", "ext-2"])

        # The call ends; its operator wraps up, and the waiting call is still waiting.
        self.assertEqual(self.event("ended", "sip-call-1")[0], 200)
        self.assertEqual(self.wallboard()[1]["operators_by_state"]["wrap_up"], 1)
        # The caller on line 2 hangs up before ext-2 picks up: ext-2 takes the waiting call.
        status, orders, _ = self.event("abandoned", "sip-call-2")
        self.assertEqual(orders["stop_ringing"], [{"call": "sip-call-2", "operator": "ext-2"}])
        self.assertEqual(orders["ring"], [{"call": "sip-call-3", "operator": "ext-2"}])

        status, log, _ = self.server.json("GET", "/api/v1/contact-centre/log?limit=100", headers=self.coordinator)
        events = [(e["event"], e["call"], e["operator"]) for e in log["entries"]]
        self.assertIn(("answered", "sip-call-1", "ext-1"), events)
        self.assertIn(("overflowed", "sip-call-4", ""), events)
        self.assertIn(("abandoned", "sip-call-2", ""), events)
        # The log is stored: it survives a restart.
        self.server.stop()
        self.server.start(extra=["--telephony-token-file", os.path.join(self.server.secrets, "telephony")])
        coordinator = self.server.sign_in()
        _, log, _ = self.server.json("GET", "/api/v1/contact-centre/log?limit=100", headers=coordinator)
        self.assertIn(("answered", "sip-call-1", "ext-1"), [(e["event"], e["call"], e["operator"]) for e in log["entries"]])

    def test_repeated_events_change_nothing_and_out_of_order_ones_are_refused(self):
        self.state("ext-1", "available")
        self.event("offered", "c-1", language="ru")
        self.assertEqual(self.event("offered", "c-1", language="ru")[1], {"ring": [], "stop_ringing": [], "offer_callback": []})
        self.assertEqual(self.event("answered", "c-1", operator="ext-1")[0], 200)
        self.assertEqual(self.event("answered", "c-1", operator="ext-1")[1], {"ring": [], "stop_ringing": [], "offer_callback": []})
        status, body, _ = self.event("abandoned", "c-1")
        self.assertEqual(status, 409, body)
        self.assertIn("answered", body["error"]["message"])
        self.assertEqual(self.event("answered", "c-1", operator="ext-2")[0], 409)
        # An operator on a call cannot be put on break.
        self.assertEqual(self.state("ext-1", "break")[0], 409)
        self.assertEqual(self.state("ext-1", "on_call")[0], 400)
        self.assertEqual(self.event("ended", "c-1")[0], 200)
        self.assertEqual(self.event("ended", "c-1")[0], 200)
        self.assertEqual(self.event("answered", "c-1", operator="ext-1")[0], 409)

    def route(self, **fields):
        return self.server.json("POST", "/api/v1/contact-centre/route", fields, headers=self.phone)

    def test_the_proxy_holds_queued_calls_and_resumes_them_when_an_operator_is_free(self):
        for name in ["ext-3", "ext-4"]:
            self.assertEqual(self.server.json("POST", "/api/v1/contact-centre/operators",
                                              {"id": name, "languages": ["uk"], "uri": f"sip:{name}@127.0.0.1:5099"},
                                              headers=self.coordinator)[0], 201)
        self.assertEqual(self.server.json("PUT", "/api/v1/contact-centre/lines", {"lines": 10},
                                          headers=self.coordinator)[0], 204)
        self.state("ext-3", "available")
        status, answer, _ = self.route(call="a", accept_language="uk-UA, ru;q=0.5")
        self.assertEqual((status, answer["queued"], [r["uri"] for r in answer["routes"]]),
                         (200, False, ["sip:ext-3@127.0.0.1:5099"]))
        self.assertEqual(self.route(call="b", accept_language="uk")[1]["queued"], True)
        self.assertEqual(self.route(call="c", accept_language="uk", sip_priority="emergency")[1]["queued"], True)
        resume = lambda: self.server.json("POST", "/api/v1/contact-centre/resume-next", {}, headers=self.phone)[1]
        self.assertEqual(resume(), {})
        # A Ukrainian speaker logs in: the emergency caller, who came later, rings first.
        self.state("ext-4", "available")
        self.assertEqual(resume(), {"call": "c"})
        self.assertEqual(resume(), {})  # named again only if the proxy does not come back for it
        status, answer, _ = self.route(call="c")
        self.assertEqual((answer["queued"], [r["uri"] for r in answer["routes"]]), (False, ["sip:ext-4@127.0.0.1:5099"]))
        status, position, _ = self.server.json("GET", "/api/v1/contact-centre/calls/b/position", headers=self.phone)
        self.assertEqual((status, position["ahead"]), (200, 0))
        # Only the telephony client may poll, and priorities stay in range.
        operator = self.server.sign_in("op.wall", "synthetic-op-wall-password")
        self.assertEqual(self.server.json("POST", "/api/v1/contact-centre/resume-next", {}, headers=operator)[0], 401)
        status, answer, _ = self.route(call="d", priority=12)
        self.assertEqual((status, answer["error"]["field"]), (400, "priority"))

    def test_operators_and_lines_outlive_a_restart_and_everyone_starts_logged_out(self):
        self.assertEqual(self.state("ext-1", "available")[0], 200)
        self.server.stop()
        self.server.start(extra=["--telephony-token-file", os.path.join(self.server.secrets, "telephony")])
        self.coordinator = self.server.sign_in()
        board = self.wallboard()[1]
        self.assertEqual({o["id"]: (o["languages"], o["state"]) for o in board["operators"]},
                         {"ext-1": (["ru"], "logged_out"), "ext-2": (["ru", "uk"], "logged_out")})
        self.assertEqual(board["lines"], 3)
        self.assertEqual(self.server.json("POST", "/api/v1/contact-centre/operators", {"id": "ext-2", "languages": ["en"]},
                                          headers=self.coordinator)[0], 409)
        self.assertEqual(self.state("ext-2", "available")[0], 200)
        self.assertEqual(self.event("offered", "after-restart", language="uk")[1]["ring"],
                         [{"call": "after-restart", "operator": "ext-2"}])

    def test_an_operator_runs_their_own_day_and_nobody_elses(self):
        operator = self.server.sign_in("op.wall", "synthetic-op-wall-password")
        # Not linked yet: 403 before the body is looked at (a bad body still gets 403).
        self.assertEqual(self.state("ext-1", "available", headers=operator)[0], 403)
        self.assertEqual(self.server.json("PUT", "/api/v1/contact-centre/operators/ext-1/state", {"state": "nonsense"},
                                          headers=operator)[0], 403)
        self.assertEqual(self.server.json("PUT", "/api/v1/contact-centre/operators/ext-1/account", {"account": "op.wall"},
                                          headers=operator)[0], 403)
        self.assertEqual(self.server.json("PUT", "/api/v1/contact-centre/operators/ext-1/account", {"account": "op.wall"},
                                          headers=self.coordinator)[0], 204)
        self.assertEqual(self.state("ext-1", "available", headers=operator)[0], 200)
        status, body, _ = self.server.json("PUT", "/api/v1/contact-centre/operators/ext-1/state",
                                           {"state": "break", "reason": "debrief"}, headers=operator)
        self.assertEqual(status, 200, body)
        status, me, _ = self.server.json("GET", "/api/v1/contact-centre/me", headers=operator)
        self.assertEqual((status, me["id"], me["state"], me["pause_reason"]), (200, "ext-1", "break", "debrief"))
        status, body, _ = self.server.json("PUT", "/api/v1/contact-centre/operators/ext-1/state",
                                           {"state": "break", "reason": "gossip"}, headers=operator)
        self.assertEqual((status, body["error"]["field"]), (400, "reason"), body)
        self.assertEqual(self.state("ext-1", "logged_out", headers=operator)[0], 200)
        self.assertEqual(self.state("ext-2", "available", headers=operator)[0], 403)  # someone else's
        self.assertEqual(self.state("ext-2", "available", headers=self.coordinator)[0], 200)  # coordinators: anyone

    def test_bad_input_and_strangers_get_clear_refusals(self):
        for body, field in [({"event": "transferred", "call": "x"}, "event"),
                            ({"event": "offered", "call": "has space"}, "call"),
                            ({"event": "offered", "call": "x" * 201}, "call"),
                            ({"event": "offered", "call": "x", "language": "de"}, "language"),
                            ({"event": "offered", "call": "x", "priority": 10}, "priority"),
                            ({"event": "offered", "call": "x", "priority": "high"}, "priority"),
                            ({"event": "offered", "call": "x", "priority": 2**40 + 5}, "priority")]:
            status, answer, _ = self.server.json("POST", "/api/v1/contact-centre/events", body, headers=self.phone)
            self.assertEqual((status, answer["error"]["field"]), (400, field), body)
        self.assertEqual(self.event("answered", "never-offered", operator="ext-1")[0], 404)
        self.event("offered", "c-9", language="ru")
        self.assertEqual(self.event("answered", "c-9", operator="ext-99")[0], 404)
        self.assertEqual(self.state("ext-99", "available")[0], 404)
        for body, field in [({"id": "bad name", "languages": ["ru"]}, "id"), ({"id": "ext-3", "languages": []}, "languages"),
                            ({"id": "ext-3", "languages": ["xx"]}, "languages")]:
            status, answer, _ = self.server.json("POST", "/api/v1/contact-centre/operators", body, headers=self.coordinator)
            self.assertEqual((status, answer["error"]["field"]), (400, field), body)
        self.assertEqual(self.server.json("POST", "/api/v1/contact-centre/operators", {"id": "ext-1", "languages": ["ru"]},
                                          headers=self.coordinator)[0], 409)
        self.assertEqual(self.server.json("PUT", "/api/v1/contact-centre/lines", {"lines": -1},
                                          headers=self.coordinator)[0], 400)
        # Strangers: a wrong token, no credentials, an operator's session posting events.
        self.assertEqual(self.event("offered", "c-10", headers={"Authorization": "Bearer wrong"})[0], 401)
        self.assertEqual(self.server.json("POST", "/api/v1/contact-centre/events", {"event": "offered", "call": "c"})[0], 401)
        operator = self.server.sign_in("op.wall", "synthetic-op-wall-password")
        self.assertEqual(self.event("offered", "c-11", headers=operator)[0], 403)
        self.assertEqual(self.wallboard(headers=operator)[0], 200)  # operators watch the queue they answer
        analyst = self.server.sign_in("analyst", "synthetic-analyst-password")
        self.assertEqual(self.wallboard(headers=analyst)[0], 403)
        self.assertEqual(self.server.json("GET", "/api/v1/contact-centre/log", headers=operator)[0], 403)

    def test_the_console_wallboard_streams_the_board_until_the_session_ends(self):
        cookie = {"Cookie": self.coordinator["Cookie"]}
        status, _, page = self.server.request("GET", "/console/wallboard", headers=cookie)
        self.assertEqual(status, 200)
        self.assertIn(b'id="waiting">0<', page)
        self.assertIn(b'src="/console/assets/wallboard.js"', page)
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        self.addCleanup(conn.close)
        conn.request("GET", "/console/wallboard/stream", headers=cookie)
        stream = conn.getresponse()
        self.assertEqual(stream.status, 200)
        self.assertTrue(stream.getheader("content-type").startswith("text/event-stream"))

        def next_board():
            data = None
            while True:
                line = stream.readline()
                if not line:
                    return None  # the server ended the stream
                line = line.decode().rstrip("\n")
                if line.startswith("data: "):
                    data = json.loads(line[6:])
                elif line == "" and data is not None:
                    return data

        self.assertEqual(next_board()["waiting"], 0)
        self.event("offered", "live-1", language="ru")  # nobody is logged in: it waits
        deadline = time.time() + 5
        while next_board()["waiting"] != 1:
            self.assertLess(time.time(), deadline, "the board never showed the waiting call")
        # Signing out ends the stream within a broadcast or two.
        self.assertEqual(self.server.json("DELETE", "/api/v1/session", headers=self.coordinator)[0], 204)
        deadline = time.time() + 5
        while next_board() is not None:
            self.assertLess(time.time(), deadline, "the stream outlived its session")
        # Without a session, or for a role that may not watch, there is no stream.
        self.assertEqual(self.server.request("GET", "/console/wallboard/stream")[0], 401)
        analyst = self.server.sign_in("analyst", "synthetic-analyst-password")
        self.assertEqual(self.server.request("GET", "/console/wallboard/stream", headers={"Cookie": analyst["Cookie"]})[0], 403)

    def test_the_planner_answers_over_the_api_and_in_the_console(self):
        query = "calls_per_hour=360&handle_seconds=240&answer_within=20&target=0.8"
        status, plan, _ = self.server.json("GET", "/api/v1/contact-centre/staffing?" + query, headers=self.coordinator)
        self.assertEqual(status, 200, plan)
        self.assertEqual((plan["model"], plan["operators"], plan["offered_load"]), ("erlang_c", 29, 24.0))
        status, plan, _ = self.server.json("GET", "/api/v1/contact-centre/staffing?" + query + "&patience_seconds=60&shrinkage=0.3",
                                           headers=self.coordinator)
        self.assertEqual((plan["model"], plan["rostered"]), ("erlang_a", 36))
        self.assertGreater(plan["abandonment"], 0)
        for bad, field in [("calls_per_hour=0&handle_seconds=240&answer_within=20&target=0.8", "calls_per_hour"),
                           ("calls_per_hour=abc&handle_seconds=240&answer_within=20&target=0.8", "calls_per_hour"),
                           ("calls_per_hour=360&answer_within=20&target=0.8", "handle_seconds"),
                           (query.replace("target=0.8", "target=80"), "target"),
                           (query + "&shrinkage=1", "shrinkage")]:
            status, answer, _ = self.server.json("GET", "/api/v1/contact-centre/staffing?" + bad, headers=self.coordinator)
            self.assertEqual((status, answer["error"]["field"]), (400, field), bad)
        status, answer, _ = self.server.json(
            "GET", "/api/v1/contact-centre/staffing?calls_per_hour=1000000&handle_seconds=3600&answer_within=20&target=0.8",
            headers=self.coordinator)
        self.assertEqual(status, 400)
        self.assertIn("more than 100000 operators", answer["error"]["message"])
        operator = self.server.sign_in("op.wall", "synthetic-op-wall-password")
        self.assertEqual(self.server.json("GET", "/api/v1/contact-centre/staffing?" + query, headers=operator)[0], 403)

        cookie = {"Cookie": self.coordinator["Cookie"]}
        status, _, page = self.server.request("GET", "/console/staffing?" + query, headers=cookie)
        self.assertEqual(status, 200)
        self.assertIn(b'id="operators-needed">29<', page)
        status, _, page = self.server.request("GET", "/console/staffing?calls_per_hour=-1&handle_seconds=1&answer_within=1&target=0.5",
                                              headers=cookie)
        self.assertEqual(status, 400)
        self.assertIn(b'role="alert"', page)

    def test_coordinators_add_operators_and_lines_from_the_wallboard(self):
        import re
        import urllib.parse
        cookie = {"Cookie": self.coordinator["Cookie"]}
        page = self.server.request("GET", "/console/wallboard", headers=cookie)[2].decode()
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        form = {"Content-Type": "application/x-www-form-urlencoded", **cookie}

        def post(path, fields):
            return self.server.request("POST", path, headers=form, raw=urllib.parse.urlencode(fields).encode())

        status, headers, _ = post("/console/contact-centre/operators", [("csrf", csrf), ("id", "ext-7"), ("language", "be")])
        self.assertEqual((status, headers.get("location")), (303, "/console/wallboard"))
        self.assertEqual(post("/console/contact-centre/lines", {"csrf": csrf, "lines": "12"})[0], 303)
        self.assertEqual(post("/console/contact-centre/state", {"csrf": csrf, "id": "ext-7", "state": "available"})[0], 303)
        _, board, _ = self.wallboard()
        self.assertEqual(board["lines"], 12)
        self.assertIn({"id": "ext-7", "languages": ["be"], "state": "available", "calls_answered": 0}, board["operators"])
        status, _, answer = post("/console/contact-centre/operators", {"csrf": csrf, "id": "ext 8"})
        self.assertEqual(status, 400)
        self.assertIn(b'role="alert"', answer)

    def test_coordinators_take_and_cancel_callbacks_in_the_console_without_seeing_numbers(self):
        import re
        import urllib.parse
        cookie = {"Cookie": self.coordinator["Cookie"]}
        status, _, page = self.server.request("GET", "/console/callbacks", headers=cookie)
        self.assertEqual(status, 200)
        page = page.decode()
        self.assertIn('id="callbacks-empty"', page)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        form = {"Content-Type": "application/x-www-form-urlencoded", **cookie}

        def post(path, fields):
            status, _, body = self.server.request("POST", path, headers=form, raw=urllib.parse.urlencode(fields).encode())
            return status, body.decode()

        number = "+7 900 000-00-77"
        status, page = post("/console/callbacks", {"csrf": csrf, "number": number, "windows": "mon-sun 00:00-23:59\r\n",
                                                   "utc_offset": "+03:00", "language": "be"})
        self.assertEqual(status, 201, page)
        callback_id = int(re.search(r"Заявка №(\d+) принята", page).group(1))
        self.assertIn(f"<tr><td>{callback_id}</td><td>be</td>", page)
        self.assertNotIn("900", page)
        # A bad window: the error, the form as typed, and the number asked for again.
        status, page = post("/console/callbacks", {"csrf": csrf, "number": number, "windows": "whenever",
                                                   "utc_offset": "+03:00", "language": "ru"})
        self.assertEqual(status, 400)
        self.assertIn('role="alert"', page)
        self.assertIn(">whenever</textarea>", page)
        self.assertNotIn("900", page)
        # Cancelled: the number is shredded and the callback is listed as lapsed.
        status, page = post(f"/console/callbacks/{callback_id}/cancel", {"csrf": csrf})
        self.assertEqual(status, 200, page)
        self.assertIn("номер уничтожен", page)
        self.assertEqual(post(f"/console/callbacks/{callback_id}/cancel", {"csrf": csrf})[0], 409)
        self.assertEqual(post("/console/callbacks/99999/cancel", {"csrf": csrf})[0], 404)
        self.assertEqual(post(f"/console/callbacks/{callback_id}/cancel", {"csrf": "forged"})[0], 303)
        page = self.server.request("GET", "/console/callbacks?status=lapsed", headers=cookie)[2].decode()
        self.assertIn(f"<tr><td>{callback_id}</td>", page)
        _, taken, _ = self.server.json("POST", "/api/v1/contact-centre/callbacks/take", {"limit": 10}, headers=self.phone)
        self.assertEqual(taken["callbacks"], [])  # never dialed
        # Operators see the queue, not the callbacks.
        operator = self.server.sign_in("op.wall", "synthetic-op-wall-password")
        self.assertEqual(self.server.request("GET", "/console/callbacks", headers={"Cookie": operator["Cookie"]})[0], 403)

    def test_safe_callbacks_are_dialed_only_inside_the_callers_windows(self):
        import datetime
        now = datetime.datetime.now(datetime.timezone.utc)

        def window(from_hours, to_hours):  # daily, in UTC, relative to now
            a, b = now + datetime.timedelta(hours=from_hours), now + datetime.timedelta(hours=to_hours)
            return f"{a:%H:%M}-{b:%H:%M}"

        def request(number, windows):
            return self.server.json("POST", "/api/v1/contact-centre/callbacks",
                                    {"number": number, "windows": windows, "utc_offset": "+00:00", "language": "uk"},
                                    headers=self.phone)

        status, inside, _ = request("+7 (900) 000-00-01", [window(-1, 2)])
        self.assertEqual(status, 201, inside)
        self.assertLessEqual(inside["due_at"], now.timestamp() + 2)
        self.assertGreater(inside["window_end"], now.timestamp())
        status, later, _ = request("+7 900 000-00-02", [window(6, 7)])
        self.assertGreater(later["due_at"], now.timestamp() + 5 * 3600)

        take = lambda: self.server.json("POST", "/api/v1/contact-centre/callbacks/take", {"limit": 10}, headers=self.phone)
        status, due, _ = take()
        self.assertEqual(status, 200)
        self.assertEqual(due["callbacks"], [{"id": inside["id"], "number": "+79000000001", "language": "uk",
                                             "window_end": inside["window_end"]}])
        self.assertEqual(take()[1]["callbacks"], [])  # being dialed: nobody else gets it
        # No answer: tried again ten minutes later, still inside a window; not before.
        result = lambda i, connected: self.server.json("POST", f"/api/v1/contact-centre/callbacks/{i}/result",
                                                       {"connected": connected}, headers=self.phone)
        self.assertEqual(result(inside["id"], False)[0], 204)
        self.assertEqual(result(inside["id"], False)[0], 409)  # not being dialed any more
        self.assertEqual(take()[1]["callbacks"], [])
        _, pending, _ = self.server.json("GET", "/api/v1/contact-centre/callbacks?status=pending", headers=self.coordinator)
        retry = next(c for c in pending["callbacks"] if c["id"] == inside["id"])
        self.assertGreaterEqual(retry["due_at"], now.timestamp() + 9 * 60)
        self.assertEqual(retry["attempts"], 1)
        self.assertNotIn("number", retry)  # the list never carries numbers

        status, third, _ = request("+380 00 000 0003", [window(-1, 1)])
        self.assertEqual([c["id"] for c in take()[1]["callbacks"]], [third["id"]])
        self.assertEqual(result(third["id"], True)[0], 204)
        _, connected, _ = self.server.json("GET", "/api/v1/contact-centre/callbacks?status=connected", headers=self.coordinator)
        self.assertEqual([c["id"] for c in connected["callbacks"]], [third["id"]])

        # Bad requests, and numbers handed out to the telephony client only.
        for body, field in [({"number": "call me", "windows": ["10:00-11:00"]}, "number"),
                            ({"number": "+79000000009", "windows": []}, "windows"),
                            ({"number": "+79000000009", "windows": ["soon"]}, "windows"),
                            ({"number": "+79000000009", "windows": "10:00-11:00"}, "windows")]:
            status, answer, _ = self.server.json("POST", "/api/v1/contact-centre/callbacks", body, headers=self.phone)
            self.assertEqual((status, answer["error"]["field"]), (400, field), body)
        self.assertEqual(self.server.json("POST", "/api/v1/contact-centre/callbacks/take", {}, headers=self.coordinator)[0], 401)
        operator = self.server.sign_in("op.wall", "synthetic-op-wall-password")
        self.assertEqual(self.server.json("GET", "/api/v1/contact-centre/callbacks", headers=operator)[0], 403)

        # The numbers are in no file of the data folder and not in the server's output.
        self.server.stop()
        for path in self.server.data_files() + [self.server.log_path]:
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    content = f.read()
                for digits in [b"9000000001", b"9000000002", b"000000003"]:
                    self.assertNotIn(digits, content, path)
