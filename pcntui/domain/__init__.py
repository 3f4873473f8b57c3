"""The domain core: NHS rules, calculations and validation. Never imports Textual or storage."""
