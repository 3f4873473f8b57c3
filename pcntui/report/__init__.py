"""Reports assembled from the store: the `status` check-in and the CSV exports. No Textual."""
