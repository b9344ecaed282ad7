"""Openings, batches of uploaded resumes, and each resume's screening result."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F


class Opening(models.Model):
    """A job opening that resumes are screened against."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="openings")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    required_skills = models.JSONField(default=list, blank=True)
    preferred_skills = models.JSONField(default=list, blank=True)
    min_years = models.FloatField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return self.title

    def as_json(self):
        return {
            "id": self.pk,
            "title": self.title,
            "description": self.description,
            "required_skills": self.required_skills,
            "preferred_skills": self.preferred_skills,
            "min_years": self.min_years,
        }


class Batch(models.Model):
    """One upload: its files are screened by background jobs, then ranked."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        PROCESSING = "processing"
        COMPLETED = "completed"
        FAILED = "failed"
        CANCELLED = "cancelled"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)  # batch URLs are unguessable
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="batches")
    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="batches")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    successful = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    final_event_sent = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name_plural = "batches"

    def __str__(self):
        return f"{self.opening} · {self.created:%Y-%m-%d %H:%M}"

    def count_outcome(self, succeeded):
        """Add one finished file to the counters, atomically (several workers finish files at once)."""
        Batch.objects.filter(pk=self.pk).update(
            completed=F("completed") + 1,
            successful=F("successful") + (1 if succeeded else 0),
            failed=F("failed") + (0 if succeeded else 1),
        )
        self.refresh_from_db(fields=["completed", "successful", "failed", "status"])

    def ranked_resumes(self):
        """Files best first: scored ones by score, then the rest (failed, cancelled, waiting)."""
        return sorted(
            self.resumes.all(),
            key=lambda r: (r.score is None, -(r.score or 0), r.original_name.lower(), r.pk),
        )


STORED_SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "txt": ".txt", "png": ".png", "jpeg": ".jpg"}


def stored_name(instance, filename):
    # Never the client's name: it may be hostile, long or clash with another upload.
    suffix = STORED_SUFFIXES.get(instance.detected_type, "")
    return f"resumes/{instance.batch_id}/{uuid.uuid4().hex}{suffix}"


class Resume(models.Model):
    """One file of a batch and what screening found in it."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        PROCESSING = "processing"
        DONE = "done"
        FAILED = "failed"
        CANCELLED = "cancelled"

    FINAL = (Status.DONE, Status.FAILED, Status.CANCELLED)

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="resumes")
    original_name = models.CharField(max_length=255)
    file = models.FileField(upload_to=stored_name, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    detected_type = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    text = models.TextField(blank=True)
    parsed = models.JSONField(default=dict, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    matched_skills = models.JSONField(default=list, blank=True)
    missing_skills = models.JSONField(default=list, blank=True)
    flags = models.JSONField(default=list, blank=True)
    explanation = models.TextField(blank=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    def as_json(self):
        return {
            "resume_id": self.pk,
            "filename": self.original_name,
            "status": self.status,
            "score": self.score,
            "name": self.parsed.get("name"),
            "email": self.parsed.get("email"),
            "phone": self.parsed.get("phone"),
            "links": self.parsed.get("links", []),
            "matched_skills": self.matched_skills,
            "missing_skills": self.missing_skills,
            "years": self.parsed.get("years"),
            "flags": self.flags,
            "explanation": self.explanation,
            "error": self.error,
        }
