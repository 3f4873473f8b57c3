"""The interventions' use cases, one action each: the intervention itself (`core`), its
co-design log and plan (`codesign`), its outcome measures and spend (`outcomes`)."""
