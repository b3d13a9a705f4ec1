#!/usr/bin/env python3
"""Load generator for the ingest scenario: N keep-alive connections, each PUTting one file again and again as a new
call's segment, the body sent with sendfile(2) from the page cache.

wrk rebuilds each 1 MB request as a Lua string (measured: 0.8 ms of CPU per upload on one machine, 5.7 ms on
another), which on a 2-core machine takes the CPU from the server it measures; this sends the same bytes for about
0.14 ms. Prints the same JSON line as the wrk scripts' done(): requests are the exchanges answered, errors the
failed exchanges plus the non-2xx answers, non2xx the latter alone.

usage: put_load.py FILE HOST PORT TENANT AUTHORIZATION CONNECTIONS SECONDS
(PUT_LOAD_DEBUG=1 prints each error on stderr)
"""
import os
import random
import socket
import sys
import threading
import time

path, host, port, tenant, authorization = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
connections, seconds = int(sys.argv[6]), float(sys.argv[7])
size = os.path.getsize(path)
run = random.randrange(1, 10**9)
deadline = time.monotonic() + seconds
latencies = [[] for _ in range(connections)]
errors = [0] * connections
non2xx = [0] * connections
received = [0] * connections


def read_response(sock, buffered):
    """Reads one HTTP response (Content-Length or chunked): status, bytes read, what is left over, whether it closes."""
    data = buffered
    while b"\r\n\r\n" not in data:
        data += receive(sock)
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        fields[name.strip().lower()] = value.strip()
    if fields.get(b"transfer-encoding", b"").lower() == b"chunked":
        end = b"\r\n0\r\n\r\n"
        while end not in b"\r\n" + rest:
            rest += receive(sock)
        body, _, left = (b"\r\n" + rest).partition(end)
        return status, len(head) + 4 + len(body) + len(end) - 2, left, closing(fields)
    length = int(fields.get(b"content-length", b"0"))
    while len(rest) < length:
        rest += receive(sock)
    return status, len(head) + 4 + length, rest[length:], closing(fields)


def closing(fields):
    """Tomcat closes a keep-alive connection after 100 requests by default, and says so."""
    return fields.get(b"connection", b"").lower() == b"close"


def receive(sock):
    chunk = sock.recv(65536)
    if not chunk:
        raise ConnectionError("connection closed by the server")
    return chunk


def worker(c):
    fd = os.open(path, os.O_RDONLY)
    sock, left, n = None, b"", 0
    try:
        while time.monotonic() < deadline:
            if sock is None:
                sock = socket.create_connection((host, port))
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                left = b""
            n += 1
            head = ("PUT /v1/tenants/%s/calls/ing-%d-%d-%d/recordings/1 HTTP/1.1\r\nHost: %s:%d\r\n"
                    "Authorization: %s\r\nContent-Type: audio/wav\r\nContent-Length: %d\r\n\r\n"
                    % (tenant, run, c, n, host, port, authorization, size)).encode()
            started = time.monotonic()
            try:
                sock.sendall(head, socket.MSG_MORE)
                offset = 0
                while offset < size:
                    offset += os.sendfile(sock.fileno(), fd, offset, size - offset)
                status, length, left, close = read_response(sock, left)
            except OSError as e:
                errors[c] += 1
                if os.environ.get("PUT_LOAD_DEBUG"):
                    print("error", e, file=sys.stderr)
                sock.close()
                sock = None
                continue
            latencies[c].append(time.monotonic() - started)
            if close:
                sock.close()
                sock = None
            received[c] += length
            if not 200 <= status < 300:
                errors[c] += 1
                non2xx[c] += 1
                if os.environ.get("PUT_LOAD_DEBUG"):
                    print("status", status, file=sys.stderr)
    finally:
        os.close(fd)
        if sock is not None:
            sock.close()


start = time.monotonic()
threads = [threading.Thread(target=worker, args=(c,)) for c in range(connections)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - start
every = sorted(l for per in latencies for l in per)


def percentile(p):
    return int(every[min(len(every) - 1, int(len(every) * p / 100))] * 1e6) if every else 0


print('{"requests":%d,"bytes":%d,"duration_us":%d,"errors":%d,"non2xx":%d,"p50_us":%d,"p99_us":%d}'
      % (len(every), sum(received), int(elapsed * 1e6), sum(errors), sum(non2xx), percentile(50), percentile(99)))
