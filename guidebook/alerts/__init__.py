"""Disaster alerts: alert files, templates and agency telegrams in; the banner on every page,
alerts.json, CAP XML and Atom feeds out."""
