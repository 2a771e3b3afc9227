#!/usr/bin/env python3
"""Short TCP connections at a fixed rate, for the agent's flow-watch cost (bench/agent-flows.sh).

    flow-load.py serve PORT                 accept and close at once (run in the server container's namespace)
    flow-load.py connect ADDRESS PORT RATE SECONDS
                                            RATE new connections per second for SECONDS, each opened and reset at
                                            once (SO_LINGER 0: no TIME_WAIT, so the client's ports never run out);
                                            prints how many were made
"""
import socket
import struct
import sys
import time


def serve(port):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("0.0.0.0", port))
    listener.listen(4096)
    while True:
        connection, _ = listener.accept()
        connection.close()


def connect(address, port, rate, seconds):
    made = failed = 0
    start = time.monotonic()
    total = rate * seconds
    linger = struct.pack("ii", 1, 0)
    while made + failed < total:
        # Paced against the clock: connection n leaves at start + n / rate.
        due = start + (made + failed) / rate
        wait = due - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
        try:
            s.connect((address, port))
            made += 1
        except OSError:
            failed += 1
        finally:
            s.close()
    elapsed = time.monotonic() - start
    print(f"{made} {failed} {elapsed:.3f}")


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(int(sys.argv[2]))
    else:
        connect(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
