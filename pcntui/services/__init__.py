"""Use cases: one function per user action, one transaction (`Store.action()`), all validation in it.

The CLI's commands and the TUI's forms call these and nothing lower. Each has the same shape:
open the action, load the Ctx inside it, `inputs.check` the input, run the checks that need the
database, write through the store's writers, name the action (`tx.label`), return `Saved`.
A refusal raises (ValidationFailed, ConflictError, UserError) and the transaction rolls back.
"""
