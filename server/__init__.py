"""Cap IA server: aiohttp + python-socketio around the pure engine."""
