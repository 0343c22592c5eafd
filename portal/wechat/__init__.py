"""The WeChat Official Account channel: webhook, API client, menu, OAuth binding, jobs."""
