"""ARRS use cases (one action each): staff records, planned posts, the entitlement, maxima, claims."""
