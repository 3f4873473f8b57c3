"""The demo's interventions are data (pcntui/demo/interventions.toml): each names only codes the
domain knows, and each you-said points at a session and an action of its own intervention."""

from __future__ import annotations

from pcntui.demo.interventions import demo_interventions
from pcntui.domain.codesign import FORMATS
from pcntui.domain.intervention import DEPRIVATION_BASES, FOCUS_KINDS, PARTNER_KINDS, STAGE_CODES


def test_the_demo_interventions_name_known_codes_and_their_own_sessions_and_actions():
    specs = demo_interventions()
    assert len(specs) == 4
    for spec in specs:
        assert spec["focus"] in FOCUS_KINDS and spec["deprivation"] in DEPRIVATION_BASES
        assert spec["moves"] and all(m["stage"] in STAGE_CODES for m in spec["moves"])
        assert set(spec.get("targets", {})) <= set(STAGE_CODES)
        assert all(p["kind"] in PARTNER_KINDS for p in spec.get("partners", []))
        assert all(s["format"] in FORMATS and s["groups"] for s in spec.get("sessions", []))
        for pair in spec.get("you_said", []):
            assert 0 <= pair["session"] < len(spec["sessions"])
            assert pair.get("action") is None or 0 <= pair["action"] < len(spec["actions"])
