#!/usr/bin/env python3
"""N concurrent slow readers: each GETs a recording and reads 16 KiB a second for D seconds."""
import asyncio
import json
import sys

host, port, paths_file, auth, count, seconds = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), float(sys.argv[6])
paths = [p.strip() for p in open(paths_file) if p.strip()]
stats = {"opened": 0, "ok": 0, "failed": 0, "bytes": 0}


async def reader(i):
    try:
        r, w = await asyncio.open_connection(host, port)
        stats["opened"] += 1
        w.write(("GET %s HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\nConnection: close\r\n\r\n"
                 % (paths[i % len(paths)], host, auth)).encode())
        await w.drain()
        status = await r.readline()
        if b" 200 " in status:
            stats["ok"] += 1
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        while loop.time() < end:
            chunk = await r.read(16384)
            if not chunk:
                break
            stats["bytes"] += len(chunk)
            await asyncio.sleep(1)
        w.close()
    except Exception:
        stats["failed"] += 1


async def main():
    await asyncio.gather(*(reader(i) for i in range(count)))
    print(json.dumps(stats))


asyncio.run(main())
