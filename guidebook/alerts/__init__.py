"""Disaster alerts: CAP 1.2 alert files, the banner on every page, alerts.json, CAP XML and Atom feeds."""
