"""ARRS read models: the year (figures, alerts, caps), people and posts, the rule book, NWRS and
claims, and the tables the screens, `pcntui arrs …` and `pcntui export` show."""
