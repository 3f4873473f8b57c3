"""The SMR views: the overview (`smr`), one cohort (`smr-cohort`), capacity (`smr-capacity`),
the counts held (`smr-counts`) and the worklist (`smr-worklist`, streamed), plus the small
reads the SMR forms and commands need (lookups.py)."""
