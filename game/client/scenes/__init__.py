"""The client's screens: connect, hand-over, table, facilitator console."""
