"""The SMR use cases (one action each): cohorts and targets, counts, capacity, the worklist."""
