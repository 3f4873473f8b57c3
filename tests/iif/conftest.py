from tests.smr.conftest import pcn_store, write_csv  # noqa: F401  (a PCN with three practices; CSV writer)
