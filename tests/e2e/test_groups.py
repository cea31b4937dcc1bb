"""Group (unit) cases: one contact speaks for several people. Each member is a case of their
own with their own receipt; the group keeps a sealed plan; splitting and merging move members
between groups and the history of every move stays."""
import os
import re
import urllib.parse

from harness import ServerTest, minimal_application

MEMBER_NAMES = ["Групов Первый", "Групов Второй", "Групов Третий"]
PLAN = "Синтетический план: встреча у ориентира"


class Groups(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("op.two", "operator", "synthetic-op-two-password")
        self.server.add_user("verifier", "verifier", "synthetic-verifier-password")
        self.server.start()
        unit = minimal_application(name="Контактов Синтетический", group={"kind": "unit", "size": 12})
        self.assertEqual(self.server.submit(unit)[0], 201)
        self.assertEqual(self.server.submit(minimal_application(group={"kind": "with_others", "size": 3}))[0], 201)
        self.coordinator = self.server.sign_in()

    def add_member(self, group, name, auth=None, **extra):
        return self.server.json("POST", f"/api/v1/cases/{group}/members", {"name": name, "rank": "рядовой", **extra},
                                headers=auth or self.coordinator)

    def group(self, case_id, auth=None):
        return self.server.json("GET", f"/api/v1/cases/{case_id}/group", headers=auth or self.coordinator)

    def test_members_have_their_own_receipts_statuses_and_the_group_a_sealed_plan(self):
        members = []
        for name in MEMBER_NAMES:
            status, added, _ = self.add_member(1, name)
            self.assertEqual(status, 201, added)
            members.append(added)
        # Each receipt opens its own member's case, which moves on its own.
        status, seen, _ = self.server.check(members[0]["receipt"])
        self.assertEqual((status, seen["status"]), (200, "received"))
        _, member_case, _ = self.server.json("GET", f"/api/v1/cases/{members[0]['id']}", headers=self.coordinator)
        self.assertEqual((member_case["name"], member_case["group_case_id"]), (MEMBER_NAMES[0], 1))
        status, _, _ = self.server.json("POST", f"/api/v1/cases/{members[0]['id']}/status",
                                        {"to": "contacted", "version": member_case["version"]}, headers=self.coordinator)
        self.assertEqual(status, 200)
        status, seen, _ = self.server.check(members[0]["receipt"])
        self.assertEqual(seen["status"], "in_progress")
        self.assertEqual(self.server.check(members[1]["receipt"])[1]["status"], "received")

        status, group, _ = self.group(1)
        self.assertEqual(status, 200)
        self.assertEqual([m["name"] for m in group["members"]], MEMBER_NAMES)
        self.assertEqual(group["declared_size"], 12)
        self.assertEqual([m["status"] for m in group["members"]], ["contacted", "new", "new"])
        status, body, _ = self.server.json("PUT", "/api/v1/cases/1/plan", {"plan": PLAN, "version": group["version"]},
                                           headers=self.coordinator)
        self.assertEqual(status, 200, body)
        # A colleague who read the old version cannot overwrite it.
        status, body, _ = self.server.json("PUT", "/api/v1/cases/1/plan", {"plan": "другой", "version": group["version"]},
                                           headers=self.coordinator)
        self.assertEqual(status, 409, body)
        self.assertEqual(self.group(1)[1]["plan"], PLAN)

        self.assertEqual(self.server.total_cases(), 5)  # members are cases of their own

        # Neither names nor the plan are on disk in clear, nor in the server's output.
        self.server.stop()
        for path in self.server.data_files() + [self.server.log_path]:
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    content = f.read()
                for secret in MEMBER_NAMES + [PLAN]:
                    self.assertNotIn(secret.encode(), content, path)

    def test_split_and_merge_move_members_and_keep_the_history(self):
        ids = [self.add_member(1, name)[1]["id"] for name in MEMBER_NAMES]
        status, body, _ = self.server.json("POST", "/api/v1/cases/1/split", {"members": ids[:2], "leader": ids[0]},
                                           headers=self.coordinator)
        self.assertEqual(status, 204, body)
        self.assertEqual([m["id"] for m in self.group(1)[1]["members"]], [ids[2]])
        self.assertEqual([m["id"] for m in self.group(ids[0])[1]["members"]], [ids[1]])

        # The split-off group merges into the second group; the first group's members stay.
        status, body, _ = self.server.json("POST", f"/api/v1/cases/{ids[0]}/merge-group", {"into": 2},
                                           headers=self.coordinator)
        self.assertEqual(status, 204, body)
        self.assertEqual(sorted(m["id"] for m in self.group(2)[1]["members"]), ids[:2])
        # The former group, now a member of group 2 itself, still shows its history.
        status, former, _ = self.group(ids[0])
        self.assertEqual((status, former["member_of"], former["members"]), (200, 2, []))
        events = [(e["case_id"], e["event"], e["other_group"]) for e in former["history"]]
        self.assertEqual(events, [(ids[1], "joined", 1), (ids[1], "left", 2)])
        events = [(e["case_id"], e["event"], e["other_group"]) for e in self.group(1)[1]["history"]]
        self.assertEqual(events[3:], [(ids[0], "left", None), (ids[1], "left", ids[0])])

    def test_bad_group_requests_are_refused_with_a_reason(self):
        member = self.add_member(1, MEMBER_NAMES[0])[1]["id"]
        for body, field in [({"name": ""}, "name"), ({"name": "x" * 201}, "name"), ({"name": "a\u0007b"}, "name"),
                            ({"name": 5}, "name"), ({"name": "ok", "note": ["x"]}, "note")]:
            status, answer, _ = self.server.json("POST", "/api/v1/cases/1/members", body, headers=self.coordinator)
            self.assertEqual((status, answer["error"]["field"]), (400, field), body)
        # Groups do not nest, a group is not merged into itself, and a split needs its leader.
        self.assertEqual(self.add_member(member, "x")[1]["error"]["field"], "group")
        checks = [("/api/v1/cases/1/merge-group", {"into": 1}, "target"),
                  ("/api/v1/cases/1/merge-group", {"into": "2"}, "into"),
                  ("/api/v1/cases/2/merge-group", {"into": member}, "group"),
                  ("/api/v1/cases/1/split", {"members": [member], "leader": 2}, "leader"),
                  ("/api/v1/cases/1/split", {"members": [2], "leader": 2}, "members"),
                  ("/api/v1/cases/1/split", {"members": "all", "leader": member}, "members")]
        for path, body, field in checks:
            status, answer, _ = self.server.json("POST", path, body, headers=self.coordinator)
            self.assertEqual((status, answer["error"]["field"]), (400, field), (path, body))
        status, answer, _ = self.server.json("PUT", "/api/v1/cases/1/plan", {"plan": "x" * 2001, "version": 1},
                                             headers=self.coordinator)
        self.assertEqual((status, answer["error"]["field"]), (400, "plan"))
        self.assertEqual(self.add_member(99, "x")[0], 404)

    def test_operators_manage_only_groups_they_hold_and_verifiers_none(self):
        op = self.server.sign_in("op.two", "synthetic-op-two-password")
        self.assertEqual(self.add_member(1, "x", auth=op)[0], 403)  # not claimed
        self.assertEqual(self.server.json("POST", "/api/v1/cases/1/claim", {}, headers=op)[0], 204)
        status, added, _ = self.add_member(1, MEMBER_NAMES[0], auth=op)
        self.assertEqual(status, 201)
        self.assertEqual(self.server.json("GET", f"/api/v1/cases/{added['id']}", headers=op)[0], 200)
        verifier = self.server.sign_in("verifier", "synthetic-verifier-password")
        self.assertEqual(self.group(1, auth=verifier)[0], 403)
        self.assertEqual(self.add_member(1, "x", auth=verifier)[0], 403)

    def test_the_console_adds_members_shows_the_receipt_once_and_splits(self):
        cookie = {"Cookie": self.coordinator["Cookie"]}
        case_page = self.server.request("GET", "/console/cases/1", headers=cookie)[2].decode()
        self.assertIn('href="/console/cases/1/group"', case_page)
        page = self.server.request("GET", "/console/cases/1/group", headers=cookie)[2].decode()
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        form = {"Content-Type": "application/x-www-form-urlencoded", **cookie}

        def post(path, fields):
            return self.server.request("POST", path, headers=form, raw=urllib.parse.urlencode(fields).encode())

        for name in MEMBER_NAMES[:2]:
            status, _, added = post("/console/cases/1/members", {"csrf": csrf, "name": name, "rank": "рядовой"})
            self.assertEqual(status, 201)
            receipt = re.search(r'id="member-receipt">([^<]+)<', added.decode()).group(1)
            self.assertEqual(self.server.check(receipt)[0], 200)
        page = self.server.request("GET", "/console/cases/1/group", headers=cookie)[2].decode()
        self.assertNotIn("member-receipt", page)  # shown once only
        for name in MEMBER_NAMES[:2]:
            self.assertIn(name, page)
        status, _, answer = post("/console/cases/1/members", {"csrf": csrf, "name": ""})
        self.assertEqual(status, 400)
        self.assertIn('role="alert"', answer.decode())

        member_ids = re.findall(r'name="member" value="(\d+)"', page)
        status, headers, _ = post("/console/cases/1/split", [("csrf", csrf), ("member", member_ids[1]),
                                                             ("leader", member_ids[1])])
        self.assertEqual((status, headers.get("location")), (303, "/console/cases/1/group"))
        page = self.server.request("GET", f"/console/cases/{member_ids[1]}", headers=cookie)[2].decode()
        self.assertIn(f'href="/console/cases/{member_ids[1]}/group"', page)
        history = self.server.request("GET", "/console/cases/1/group", headers=cookie)[2].decode()
        self.assertIn(f"ушёл, чтобы вести свою группу", history)
