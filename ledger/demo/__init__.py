"""The demo: a realistic year of the bureau's transparency work, recorded command by command.

Each system contributes a module with ``steps() -> list[Step]``; the demo runs them in
order through the same interface as the CLI, then prints the board and writes notices.
"""

from __future__ import annotations

from typing import Any

Step = tuple[str, str, dict[str, Any]]  # (actor, command name, fields)
