"""The pygame-ce + pygame_gui client: scenes, widgets and the Session interface."""
