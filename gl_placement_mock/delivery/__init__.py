"""Delivery: the backend's events handed on once its lock is released, to subscribers, inboxes,
and moto's SNS and EventBridge (``events``)."""
