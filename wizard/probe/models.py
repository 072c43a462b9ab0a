"""Stored probe reports: a support agent opens one by its unguessable link."""

from __future__ import annotations

import secrets

from django.db import models

from wizard.questions.core.hostnames import MAX_LENGTH


def new_report_id() -> str:
    # 128 bits: not guessable, short enough to read out on the phone if needed.
    return secrets.token_urlsafe(16)


class ProbeRecord(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running"
        DONE = "done"

    id = models.CharField(primary_key=True, max_length=32, default=new_report_id, editable=False)
    target = models.CharField(max_length=MAX_LENGTH)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RUNNING)
    report = models.JSONField(default=dict)
    # The wizard answers of the result page it was started from, for advice.
    answers = models.CharField(max_length=512, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        # The table's name from before the probe was an app of its own: existing
        # databases keep their reports (see migration 0001).
        db_table = "wizard_proberecord"
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.target} ({self.created_at:%Y-%m-%d %H:%M})"
