"""The TUI's one form framework: `FormSpec` (what a form is: its input model, fields and the
service it saves through; spec.py, no Textual) shown by `FormModal` (modal.py); `open_form`
reads what the form's checks need, then shows it."""

from pcntui.tui.forms.modal import FormModal, open_form
from pcntui.tui.forms.spec import FieldSpec, FormCheck, FormSpec, as_text, check_form, fields

__all__ = ["FieldSpec", "FormCheck", "FormModal", "FormSpec", "as_text", "check_form", "fields", "open_form"]
