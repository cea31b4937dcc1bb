"""How one sender's flood affects another sender's answer, on the Telegram webhook.

Measures the time until a new sender's first message is answered (his receipt comes back in
the webhook's response) with nothing else going on, then again while one chat floods the
webhook with FLOOD messages from CONNECTIONS connections. Prints both and the ratio.
Usage: python3 bench/telegram_flood.py PORT SECRET [FLOOD=10000] [SAMPLES=30] [CONNECTIONS=4]
"""
import http.client
import json
import statistics
import sys
import threading
import time

PATH = "/channels/telegram/webhook"


def post(conn, secret, update_id, chat, text):
    body = json.dumps({"update_id": update_id, "message": {"message_id": update_id, "date": 0, "text": text,
                                                           "chat": {"id": chat, "type": "private"}}})
    conn.request("POST", PATH, body=body, headers={"Content-Type": "application/json",
                                                   "X-Telegram-Bot-Api-Secret-Token": secret})
    resp = conn.getresponse()
    data = resp.read()
    return resp.status, data


def answer_times(port, secret, first_chat, samples):
    """Seconds until each of `samples` new senders gets his receipt."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times = []
    for i in range(samples):
        started = time.perf_counter()
        status, data = post(conn, secret, 10_000_000 + first_chat + i, first_chat + i, "Здравствуйте")
        times.append(time.perf_counter() - started)
        assert status == 200 and b"sendMessage" in data, (status, data[:200])
    conn.close()
    return times


def flood(port, secret, total, connections, done):
    counter = iter(range(total))
    lock = threading.Lock()
    statuses = {}

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            status, _ = post(conn, secret, 20_000_000 + i, 4242, f"flood {i}")
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.update(seconds=time.perf_counter() - started, statuses=statuses)


def describe(times):
    ms = sorted(t * 1000 for t in times)
    return statistics.median(ms), ms[int(len(ms) * 0.9) - 1]


def main():
    port, secret = int(sys.argv[1]), sys.argv[2]
    total = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    samples = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    connections = int(sys.argv[5]) if len(sys.argv) > 5 else 4
    answer_times(port, secret, 7_000_000, 3)  # warm up
    quiet = answer_times(port, secret, 7_100_000, samples)
    done = {}
    flooder = threading.Thread(target=flood, args=(port, secret, total, connections, done))
    flooder.start()
    time.sleep(0.2)
    loaded = []
    chat = 7_200_000
    while flooder.is_alive() and len(loaded) < samples:
        loaded += answer_times(port, secret, chat, 1)
        chat += 1
    flooder.join()
    q_med, q_p90 = describe(quiet)
    l_med, l_p90 = describe(loaded)
    print(f"unloaded: another sender's answer median {q_med:.1f} ms, p90 {q_p90:.1f} ms ({len(quiet)} samples)")
    print(f"during a flood of {total} from one sender ({done['seconds']:.1f} s, {total / done['seconds']:.0f}/s, "
          f"statuses {done['statuses']}): median {l_med:.1f} ms, p90 {l_p90:.1f} ms ({len(loaded)} samples)")
    print(f"ratio loaded/unloaded: median {l_med / q_med:.2f}x, p90 {l_p90 / q_p90:.2f}x")


if __name__ == "__main__":
    main()
