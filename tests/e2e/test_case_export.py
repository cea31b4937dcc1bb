"""The case list as a file for coordinators (issue 20): every case the filter matches, clear
fields that say nothing about who a person is, in codes from the API and in Russian from the
console; audited before it is sent; refused to every other role before the filter is read."""
import csv
import io
import unittest

from harness import ServerTest, minimal_application

# Written into the applications; none of it may reach the file.
MARKERS = ["Синтетикова", "Маркерный", "@synthetic-export-handle", "часть-маркер", "Маркероград"]


class CaseListExport(ServerTest):
    def setUp(self):
        super().setUp()
        self.server.stop()
        self.server.add_user("r.operator", "operator", "synthetic-operator-password")
        self.server.add_user("r.auditor", "auditor", "synthetic-auditor-password")
        self.server.start()
        for i in range(3):
            self.assertEqual(self.server.submit(minimal_application(
                name=f"Маркерный Синтетикова {i}", unit="часть-маркер", location="Маркероград",
                contact={"channel": "telegram", "handle": "@synthetic-export-handle"}))[0], 201)
        self.assertEqual(self.server.submit(minimal_application(
            situation="at_front", group={"kind": "unit", "size": 4}))[0], 201)
        self.coordinator = self.server.sign_in()

    def rows(self, data):
        return list(csv.reader(io.StringIO(data.decode("utf-8"))))

    def test_the_api_file_has_every_matching_case_in_codes_and_nothing_identifying(self):
        status, headers, data = self.server.request("GET", "/api/v1/cases.csv", headers=self.coordinator)
        self.assertEqual(status, 200, data[:200])
        self.assertIn("lifeline-cases.csv", headers["content-disposition"])
        rows = self.rows(data)
        self.assertEqual(rows[0], ["case", "received_on", "status", "situation", "group_kind", "group_size",
                                   "contact_channel", "language", "deploy_by", "claimed", "group_case"])
        self.assertEqual(sorted(r[0] for r in rows[1:]), ["1", "2", "3", "4"])
        by_case = {r[0]: r for r in rows[1:]}
        self.assertEqual(by_case["4"][2:8], ["new", "at_front", "unit", "4", "signal", "ru"])
        self.assertEqual(by_case["1"][6], "telegram")
        self.assertEqual(by_case["1"][9], "no")
        text = data.decode("utf-8")
        for marker in MARKERS:
            self.assertNotIn(marker, text)
        # The list's own filter applies.
        _, _, data = self.server.request("GET", "/api/v1/cases.csv?situation=at_front", headers=self.coordinator)
        self.assertEqual([r[0] for r in self.rows(data)[1:]], ["4"])

    def test_each_download_is_audited_with_its_count(self):
        self.server.request("GET", "/api/v1/cases.csv?situation=serving", headers=self.coordinator)
        self.server.request("GET", "/console/cases.csv", headers={"Cookie": self.coordinator["Cookie"]})
        auditor = self.server.sign_in("r.auditor", "synthetic-auditor-password")
        status, body, _ = self.server.json("GET", "/api/v1/audit?action=case_list_exported", headers=auditor)
        self.assertEqual(status, 200, body)
        self.assertEqual(sorted(e["target"] for e in body["entries"]), ["cases:3", "cases:4"])

    def test_the_console_file_speaks_russian_and_the_list_links_it_for_coordinators_only(self):
        cookie = {"Cookie": self.coordinator["Cookie"]}
        status, _, page = self.server.request("GET", "/console/?situation=at_front", headers=cookie)
        self.assertEqual(status, 200)
        self.assertIn(b'id="export-cases" href="/console/cases.csv?status=&amp;situation=at_front"', page)
        status, headers, data = self.server.request("GET", "/console/cases.csv?situation=at_front", headers=cookie)
        self.assertEqual(status, 200)
        rows = self.rows(data)
        self.assertEqual(rows[0][:4], ["Дело", "Получена", "Статус", "Положение"])
        self.assertEqual(len(rows), 2)
        status_, situation, group, channel, language = rows[1][2:7]
        for cell in (status_, situation, group, language):
            self.assertRegex(cell, r"^[^A-Za-z_]*$")  # words, not codes
        self.assertEqual(channel, "Signal")  # a service's own name
        operator = self.server.sign_in("r.operator", "synthetic-operator-password")
        _, _, page = self.server.request("GET", "/console/", headers={"Cookie": operator["Cookie"]})
        self.assertNotIn(b"export-cases", page)

    def test_other_roles_are_refused_before_the_filter_and_a_bad_filter_names_its_field(self):
        operator = self.server.sign_in("r.operator", "synthetic-operator-password")
        for path in ("/api/v1/cases.csv", "/api/v1/cases.csv?status=nonsense"):
            status, _, data = self.server.request("GET", path, headers=operator)
            self.assertEqual(status, 403, data)
        status, _, data = self.server.request("GET", "/console/cases.csv?status=nonsense",
                                              headers={"Cookie": operator["Cookie"]})
        self.assertEqual(status, 403)
        status, body, _ = self.server.json("GET", "/api/v1/cases.csv?status=nonsense", headers=self.coordinator)
        self.assertEqual((status, body["error"]["field"]), (400, "status"))
        status, _, page = self.server.request("GET", "/console/cases.csv?situation=nonsense",
                                              headers={"Cookie": self.coordinator["Cookie"]})
        self.assertEqual(status, 400)
        self.assertIn("«положение»".encode(), page)


if __name__ == "__main__":
    unittest.main()
