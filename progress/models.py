"""The progress app keeps its data in Redis (see streams.py), not in the database.

`UserProgress` only gives the admin something to register (the "Live progress" section and its
inspector, see admin.py) and the admin log something to refer to. It has no table and is never queried.
"""

from django.db import models


class UserProgress(models.Model):
    """One user's retained progress events in Redis."""

    user_id = models.CharField("user id", max_length=150, primary_key=True)

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = "user progress"
        verbose_name_plural = "user progress"

    def __str__(self):
        return f"progress of user {self.user_id}"
