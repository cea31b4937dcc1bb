#!/usr/bin/env python3
"""SMS through Kannel, end to end on loopback (docs/PERFORMANCE.md, "SMS through Kannel").

1. Inbound SMS handled per second: fakesmsc injects N messages from distinct senders; each is
   handled when its reply is back at fakesmsc. lifeline (every message opens an application
   and is answered with its receipt) against Kannel alone with a no-op sms-service that
   answers a fixed text ("ok"), in the same run.
2. The time from a reply becoming due (the person writes again) to its arrival at fakesmsc.

Usage: bench/sms-bench.py [path/to/lifeline]   (env N=200 messages, R=10 replies)
"""
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "e2e"))
if len(sys.argv) > 1:
    os.environ["LIFELINE_BIN"] = os.path.abspath(sys.argv[1])

import harness  # noqa: E402
import kannel  # noqa: E402

N = int(os.environ.get("N", "200"))
R = int(os.environ.get("R", "10"))
TOKEN = "synthetic-sms-bench-token-0123456789"


def inject(k, count):
    """Sends `count` messages from distinct senders; the seconds until every reply is back."""
    # -z 1: a random number after the sender's prefix, so (almost) every sender is new.
    phone = kannel.Phone(k, [f"+7900 {kannel.HOTLINE_NUMBER} text Hello"], max_messages=count, randomize=1)
    start = time.monotonic()
    try:
        phone.wait_for(count, timeout=600)
        return time.monotonic() - start, phone
    finally:
        phone.hang_up()


def baseline(directory):
    k = kannel.Kannel(directory)
    k.configure(None)
    with open(k.conf) as f:
        conf = f.read().replace('text = ""', 'text = "ok"')
    with open(k.conf, "w") as f:
        f.write(conf)
    k.start()
    try:
        inject(k, 20)  # warm-up
        seconds, _ = inject(k, N)
        return N / seconds
    finally:
        k.stop()


def lifeline_run(directory):
    server = harness.Server()
    k = kannel.Kannel(directory)
    port = harness.free_port()
    token_file = server._secret("sms-token", TOKEN)
    credentials = server._secret("sendsms", f"{kannel.SENDSMS_USER}:{kannel.SENDSMS_PASSWORD}")
    server.start(extra=["--sms-inbound-token-file", token_file, "--sendsms-url", k.sendsms_url,
                        "--sendsms-credentials-file", credentials, "--sms-dlr-base-url", f"http://127.0.0.1:{port}",
                        "--sms-per-second", "50"], port=port)
    k.configure(f"http://127.0.0.1:{port}/channels/sms/inbound?token={TOKEN}"
                "&from=%p&id=%I&text=%a&coding=%c&charset=%C")
    k.start()
    try:
        inject(k, 20)  # warm-up
        seconds, phone = inject(k, N)
        rate = N / seconds
        # Latency of a due reply: he wrote, an operator answered, he writes again.
        auth = server.sign_in()
        latencies = []
        for i in range(R):
            number = f"+7911000{i:04d}"
            kannel.exchange(k, f"{number} {kannel.HOTLINE_NUMBER} text Hello", 1)
            status, page, _ = server.json("GET", "/api/v1/cases", headers=auth)  # newest first
            case_id = page["items"][0]["id"]
            status, body, _ = server.json("POST", f"/api/v1/cases/{case_id}/channel-replies",
                                          {"text": f"Ответ {i}"}, headers=auth)
            assert status == 201, body
            phone = kannel.Phone(k, [f"{number} {kannel.HOTLINE_NUMBER} text again"])
            try:
                while phone.sent() < 1:
                    time.sleep(0.002)
                sent_at = time.monotonic()
                while f"Ответ {i}" not in phone.received():
                    if time.monotonic() - sent_at > 30:
                        raise AssertionError("the reply did not arrive")
                    time.sleep(0.002)
                latencies.append(time.monotonic() - sent_at)
            finally:
                phone.hang_up()
        return rate, latencies
    finally:
        k.stop()
        server.cleanup()


def main():
    if not kannel.installed():
        sys.exit("Kannel is not installed (scripts/install-deps.sh --bench)")
    with tempfile.TemporaryDirectory(prefix="sms-bench-") as directory:
        base = baseline(directory)
    with tempfile.TemporaryDirectory(prefix="sms-bench-") as directory:
        rate, latencies = lifeline_run(directory)
    print(f"messages: {N} from distinct senders, fakesmsc -i 0")
    print(f"Kannel alone, no-op sms-service:  {base:.1f} SMS/s handled (reply back at fakesmsc)")
    print(f"lifeline behind Kannel:           {rate:.1f} SMS/s handled ({rate / base:.2f}x the baseline)")
    print(f"due reply to fakesmsc ({R} replies): median {statistics.median(latencies) * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
