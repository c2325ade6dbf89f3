"""What reconciliation needs from the register: title and unit per ref.

Takes the register the matcher uses (recover.register.Register); None means the package's own
register, so tests and benches can reconcile records without building one.
"""
from __future__ import annotations


class RegisterView:
    def __init__(self, register=None):
        if register is None:
            from recover.register import load_register
            register = load_register()
        self._table = {i.ref: (i.title, i.unit) for i in register.indicators}

    def info(self, ref: str) -> tuple[str, str]:
        """(title, unit); ('', '') for a ref the register does not know."""
        return self._table.get(ref, ("", ""))

    def knows(self, ref: str) -> bool:
        return ref in self._table
