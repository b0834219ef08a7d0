"""Reading the terminal: bytes that are not UTF-8 are left out with a notice, never fatal.

Textual's Linux driver decodes what the terminal sends as strict UTF-8 and ends the app on the
first byte that is not (a Latin-1 "é" from a terminal set to another encoding, line noise on an
ssh link), losing the keys read with it. A supervisor typing notes must lose neither the app
nor the rest of what they typed: here the driver's decoder leaves out only the bad bytes.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.drivers import linux_driver

DROPPED = ("Some typed characters were not valid text for this terminal and were left out. "
           "Check the terminal's character encoding (UTF-8).")


class TolerantLinuxDriver(linux_driver.LinuxDriver):
    """Textual's Linux driver with a decoder that skips undecodable bytes (telling the user
    once). Should a later Textual decode elsewhere, an undecodable read is dropped whole and
    reading goes on, which still keeps the app running."""

    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self.owner = app
        self.dropped = 0
        self._errors = f"supervisor-tui-skip-{id(self)}"
        codecs.register_error(self._errors, self._skip)

    def _skip(self, error: UnicodeError) -> tuple[str, int]:
        if not isinstance(error, UnicodeDecodeError):
            raise error
        self.dropped += 1
        if self.dropped == 1:
            self.owner.call_from_thread(self.owner.notify, DROPPED, title="Input dropped",
                                        severity="warning", timeout=10)
        return "", error.end

    def _decoder_factory(self, encoding: str) -> Callable[[], codecs.IncrementalDecoder]:
        decoder = codecs.getincrementaldecoder(encoding)
        return lambda: decoder(errors=self._errors)

    def run_input_thread(self) -> None:
        # The driver builds its decoder from this module-level name when the thread starts.
        linux_driver.getincrementaldecoder = self._decoder_factory  # type: ignore[attr-defined,assignment]
        while not self.exit_event.is_set():
            try:
                super().run_input_thread()
                return
            except UnicodeDecodeError:
                self._skip(UnicodeDecodeError("utf-8", b"", 0, 1, "undecodable input"))
