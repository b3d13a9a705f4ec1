#!/usr/bin/env python3
"""Writes N one-minute 8 kHz 16-bit mono WAV files (960,044 bytes each) of noise-like audio."""
import os
import struct
import sys

count, out = int(sys.argv[1]), sys.argv[2]
seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 60
os.makedirs(out, exist_ok=True)
data_len = 8000 * 2 * seconds
header = b"RIFF" + struct.pack("<I", 36 + data_len) + b"WAVE" + b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16) \
    + b"data" + struct.pack("<I", data_len)
for i in range(count):
    path = os.path.join(out, "rec-%04d.wav" % i)
    if os.path.exists(path) and os.path.getsize(path) == len(header) + data_len:
        continue
    with open(path, "wb") as f:
        f.write(header)
        f.write(os.urandom(data_len))
