#!/usr/bin/env python3
"""Reference for ingest: writes copies of one file, each fsynced, from N threads for D seconds; prints files/s."""
import os
import sys
import threading
import time

source, out, threads, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
os.makedirs(out, exist_ok=True)
body = open(source, "rb").read()
counts = [0] * threads
deadline = time.monotonic() + seconds


def writer(t):
    n = 0
    while time.monotonic() < deadline:
        path = os.path.join(out, "%d-%d.wav" % (t, n))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            view = memoryview(body)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        n += 1
    counts[t] = n


start = time.monotonic()
workers = [threading.Thread(target=writer, args=(t,)) for t in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
elapsed = time.monotonic() - start
print('{"files":%d,"seconds":%.3f}' % (sum(counts), elapsed))
