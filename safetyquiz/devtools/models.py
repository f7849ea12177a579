from django.conf import settings
from django.db import models


class BenchWrite(models.Model):
    """A row the bench's write ceiling inserts, one per request, as an answer is one row:
    the table exists only where devtools is installed (development and the bench)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    written_at = models.DateTimeField()
    posted = models.JSONField()

    def __str__(self) -> str:
        return f"bench write {self.pk}"
