"""Demo cases at every step, so `make run` shows a living console (development only)."""


def add_demo_cases() -> None:
    return None
