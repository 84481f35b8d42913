"""The command vocabulary: one module per system, imported when the vocabulary is first needed.

``registry()`` (in ``base``) imports every module listed here; a process that runs one
command of one system imports only that system (see ``SYSTEMS``).
"""

# top-level command word -> the modules that define its commands
SYSTEMS: dict[str, tuple[str, ...]] = {
    "org": ("org",),
    "calendar": ("calendar",),
    "policy": ("policy",),
    "decision": ("decision",),
    "catalogue": ("catalogue",),
    "assessment": ("assessment",),
    "duties": ("duties",),
    "openday": ("openday",),
    "correct": ("audit",),
    "audit": ("audit",),
}
