from __future__ import annotations

from django.db import models


class DailyCount(models.Model):
    """How many result pages or probes had one value of one dimension on a day.

    Aggregates only: a case, a mail program, a language or a probe outcome,
    never an address, an answer set or a target (wizard.web.counting).
    """

    day = models.DateField()
    dimension = models.CharField(max_length=16)
    value = models.CharField(max_length=64)
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["day", "dimension", "value"], name="one_count_a_day"),
        )

    def __str__(self) -> str:
        return f"{self.day} {self.dimension}={self.value}: {self.count}"
