"""Local stand-ins for outside HTTP services (Google's TTS, WeChat's API), served in a thread."""
