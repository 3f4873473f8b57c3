"""Planned posts' use cases: add (open statuses only), edit (any status), delete; one action each."""

from __future__ import annotations

from datetime import date

from pcntui.domain.staff import PlannedPost
from pcntui.inputs.arrs import NewPlannedPostIn, PlannedPostIn
from pcntui.inputs.base import check
from pcntui.services.arrs import shown
from pcntui.services.base import Raw, Saved, as_saved
from pcntui.services.context import load_ctx
from pcntui.store import Store
from pcntui.store import records
from pcntui.store import staff as rows


def _current(tx, post_id: int, expected_rev: int | None, rules=None) -> PlannedPost:
    return as_saved(rows.get_planned(tx, post_id), expected_rev, thing="This planned post",
                    missing=f"There is no planned post with id {post_id}.", changed=lambda _: "This planned post",
                    current=lambda post: PlannedPostIn.initial(post, rules))


def add_planned(store: Store, raw: Raw, *, today: date) -> Saved[int]:
    """`n` on the planned posts and `pcntui arrs plan`."""
    with store.action() as tx:
        ctx = load_ctx(tx, today=today, need=("rules",))
        given, warnings = check(NewPlannedPostIn, raw, ctx)
        post = given.to_post()
        post_id = rows.write_planned(tx.db, post)
        label = post.label(ctx.rules)
        tx.label = f"Add planned post {label}"
    return Saved(post_id, f"Saved planned post {label}.", shown(warnings))


def edit_planned(store: Store, post_id: int, raw: Raw, *, today: date,
                 expected_rev: int | None = None) -> Saved[int]:
    """`e` on the planned posts and `pcntui arrs plan-edit` (`raw`: what changes)."""
    with store.action() as tx:
        ctx = load_ctx(tx, today=today, need=("rules",))
        current = _current(tx, post_id, expected_rev, ctx.rules)
        given, warnings = check(PlannedPostIn, {**PlannedPostIn.initial(current), **raw}, ctx.with_item(current))
        post = given.to_post(current)
        rows.write_planned(tx.db, post, expected_rev=current.rev)
        label = post.label(ctx.rules)
        tx.label = f"Edit planned post {label}"
    return Saved(post_id, f"Saved planned post {label}.", shown(warnings))


def delete_planned(store: Store, post_id: int, *, expected_rev: int | None = None) -> Saved[int]:
    """`d` on the planned posts and `pcntui arrs plan-delete`."""
    with store.action() as tx:
        post = _current(tx, post_id, None)
        records.delete(tx.db, "planned_post", "id", post_id, expected_rev=expected_rev)
        tx.label = f"Delete planned post {post.title or post.role_code}"
    return Saved(post_id, f"Deleted planned post {post.title or post.role_code}.")
