"""``oinlint.emulator``: the emulated Okta org (implemented in :mod:`oinlint.live.emulator`)."""

from oinlint.live.emulator import Emulator, RequestRecord, TokenRequestRecord

__all__ = ["Emulator", "RequestRecord", "TokenRequestRecord"]
