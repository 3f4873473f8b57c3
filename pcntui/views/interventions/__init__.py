"""The interventions' views: the list (`list`, KIND interventions), one intervention's page
(`detail`) and its one-page Markdown summary for the commissioner (`summary`)."""
