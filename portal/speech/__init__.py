"""Read-aloud (text to speech) and the WeChat voice-input signature."""
