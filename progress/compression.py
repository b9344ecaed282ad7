"""gzip for SSE responses that costs an open stream nothing while it waits.

A zlib stream kept per response (window, hash tables, buffers) costs every open stream about 20 KB even
at zlib's smallest useful settings, to shrink progress events of a few hundred bytes. Here a response is
one gzip member whose deflate data is written block by block: a write below `COMPRESS_FROM` bytes goes
out as a stored (uncompressed) block, five bytes of framing; a larger one (a batch's final event with its
ranked results, a catch-up of many events) is compressed by a zlib stream of its own, flushed to a byte
boundary and dropped. Each compressed run refers only to its own bytes, so the runs and stored blocks
join into one valid deflate stream (RFC 1951), and each write can be decoded as soon as it arrives.
Nothing is kept between writes but whether the gzip header went out.

The member is never finished (no trailer): an SSE response ends when its connection closes, as before.
"""

import struct
import zlib

# Writes from this size up are compressed; below it compression saves a few hundred bytes at most.
COMPRESS_FROM = 1024

# ID1 ID2, CM deflate, no flags, no mtime, no extra flags, OS unknown (RFC 1952).
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"

_STORED_MAX = 0xFFFF


def stored_blocks(data):
    """`data` as non-final stored deflate blocks (the stream must be at a byte boundary, as here)."""
    blocks = []
    for start in range(0, len(data), _STORED_MAX):
        chunk = data[start : start + _STORED_MAX]
        # One byte for BFINAL=0, BTYPE=00 and the padding to the byte boundary; LEN and its complement.
        blocks.append(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)


def compressed_blocks(data):
    """`data` deflated on its own, ending on a byte boundary with no final block."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def gzip_encoder(compress_from=COMPRESS_FROM):
    """A function that turns each write of one SSE response into the next bytes of its gzip body."""
    started = False

    def encode(data):
        nonlocal started
        body = compressed_blocks(data) if len(data) >= compress_from else stored_blocks(data)
        if started:
            return body
        started = True
        return GZIP_HEADER + body

    return encode
