"""What those who run lifeline watch: /readyz says whether a write commits now; /metrics gives
Prometheus counts behind a bearer token, and says nothing of anyone: no path, no query, no
name; without a token file there is no /metrics at all."""
from harness import ServerTest, minimal_application

TOKEN = "synthetic-metrics-token-0123456789"
NAME = "Метрикин Синтетический"


class Operations(ServerTest):
    def test_readiness_and_metrics_without_personal_data(self):
        status, body, _ = self.server.json("GET", "/readyz")
        self.assertEqual((status, body), (200, {"status": "ready", "store": "ok"}))
        # Without a token file, no /metrics.
        self.assertEqual(self.server.request("GET", "/metrics")[0], 404)

        self.server.stop()
        self.server.start(extra=["--metrics-token-file", self.server._secret("metrics", TOKEN)])
        self.assertEqual(self.server.submit(minimal_application(name=NAME))[0], 201)
        self.assertEqual(self.server.request("GET", "/status?receipt=synthetic-secret-query")[0], 200)
        self.assertEqual(self.server.request("GET", "/metrics")[0], 401)
        self.assertEqual(self.server.request("GET", "/metrics", headers={"Authorization": "Bearer wrong"})[0], 401)
        status, headers, text = self.server.request("GET", "/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/plain; version=0.0.4"))
        text = text.decode()
        self.assertIn('lifeline_http_responses_total{code="201"} 1', text)
        self.assertIn('lifeline_http_responses_total{code="401"} 2', text)
        self.assertIn("lifeline_http_request_duration_seconds_count", text)
        self.assertIn("lifeline_store_up 1", text)
        self.assertIn("lifeline_store_down_probes_total 0", text)
        self.assertIn("lifeline_intake_waiting_hashes 0", text)
        self.assertIn("lifeline_calls_waiting 0", text)
        for secret in [NAME, "synthetic-secret-query", "/status", "/api/", "127.0.0.1"]:
            self.assertNotIn(secret, text)
