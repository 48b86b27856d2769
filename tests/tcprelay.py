"""A real TCP relay on 127.0.0.1 (port 0) in front of a server, that can hold what clients send.

Used to put a client's commands to a real Redis on hold at an exact point (a slow network, a paused
process), without timing: `hold(marker)` keeps every chunk a client sends that contains `marker` until
`release()`; `held` is set once one was kept. Everything else passes through both ways unchanged.
"""

from __future__ import annotations

import socket
import threading


class TcpRelay:
    """Relay connections from a free loopback port to (host, port); use as a context manager."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.marker: bytes | None = None
        self.held = threading.Event()
        self.released = threading.Event()
        self.sockets: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> TcpRelay:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
        self.listener.close()
        for sock in self.sockets:
            sock.close()

    def hold(self, marker: bytes) -> None:
        """From now on, keep back each chunk a client sends that contains `marker`."""
        self.marker = marker

    def release(self) -> None:
        """Send what was kept back, and stop holding."""
        self.marker = None
        self.released.set()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:  # closed
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, from_client: bool) -> None:
        try:
            while data := source.recv(65536):
                marker = self.marker
                if from_client and marker is not None and marker in data:
                    self.held.set()
                    self.released.wait(60)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            try:
                sink.shutdown(socket.SHUT_WR)
            except OSError:
                pass
