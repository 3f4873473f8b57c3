"""What an SMR command says after a service: its note, then each warning with the flag it is about
(the flags themselves: cli/model_options.py)."""

from __future__ import annotations

from pcntui.inputs.base import InputModel, meta


def say(saved) -> None:
    """A service's note, then each warning as the CLI says it (`  warning: --invited: …`)."""
    from pcntui.errors import cli_sentence

    print(saved.note)
    for w in saved.warnings:
        print(f"  {'note' if w.level == 'info' else 'warning'}: {cli_sentence(w, flags_of_saved(saved))}")


def flags_of_saved(saved) -> dict[str, str]:
    value = saved.value
    return {name: meta(type(value), name).flag for name in type(value).model_fields} \
        if isinstance(value, InputModel) else {}
