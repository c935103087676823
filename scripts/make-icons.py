#!/usr/bin/env python3
"""Draws the app icons (static/icons/icon-192.png, icon-512.png) with only the standard
library, so regenerating them needs no image tool: a navy rounded square with a speech
bubble. Run from the repository root; the PNGs are committed."""
import struct
import zlib

NAVY, WHITE, AMBER = (0x1F, 0x4E, 0x79), (255, 255, 255), (0xF5, 0xB0, 0x41)


def pixel(size, x, y):
    r = size * 0.18
    cx, cy = min(max(x, r), size - 1 - r), min(max(y, r), size - 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    u, v = x / size, y / size
    colour = NAVY
    if ((u - 0.5) / 0.30) ** 2 + ((v - 0.44) / 0.22) ** 2 <= 1:
        colour = WHITE
    if 0.30 <= u <= 0.42 and 0.60 <= v <= 0.74 and (v - 0.60) <= (0.42 - u) * 1.2:
        colour = WHITE
    for dot in (0.38, 0.5, 0.62):
        if ((u - dot) / 0.045) ** 2 + ((v - 0.44) / 0.045) ** 2 <= 1:
            colour = AMBER
    return (*colour, 255)


def write_png(size, path):
    raw = b"".join(
        b"\0" + b"".join(bytes(pixel(size, x, y)) for x in range(size)) for y in range(size)
    )

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    for size in (192, 512):
        write_png(size, f"static/icons/icon-{size}.png")
