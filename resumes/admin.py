"""The admin: openings; batches with their progress and links to their resumes; resumes, read-only."""

import json

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .forms import OpeningForm
from .models import Batch, Opening, Resume


@admin.register(Opening)
class OpeningAdmin(admin.ModelAdmin):
    """Openings with the pages' form: skills as comma-separated text, checked like the API's."""

    form = OpeningForm
    fields = ["owner", "title", "description", "required_skills", "preferred_skills", "min_years"]
    list_display = ["title", "owner", "min_years", "created"]
    list_select_related = ["owner"]
    search_fields = ["title", "owner__username"]


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    """Batches are made by uploads and changed by jobs: the admin shows them, it does not edit them."""

    list_display = ["id", "opening", "owner", "status", "progress", "failed", "created", "resumes"]
    list_filter = ["status"]
    list_select_related = ["opening", "owner"]
    search_fields = ["opening__title", "owner__username"]
    readonly_fields = ["progress", "resumes", *(field.name for field in Batch._meta.fields)]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="progress")
    def progress(self, batch):
        return format_html(
            '<progress max="{}" value="{}" aria-label="{} of {} files finished"></progress> {} / {}',
            max(batch.total, 1), batch.completed, batch.completed, batch.total, batch.completed, batch.total,
        )  # fmt: skip

    @admin.display(description="resumes")
    def resumes(self, batch):
        url = reverse("admin:resumes_resume_changelist") + f"?batch__id__exact={batch.pk}"
        return format_html('<a href="{}">{} resume{}</a>', url, batch.total, "" if batch.total == 1 else "s")


@admin.register(Resume)
class ResumeAdmin(admin.ModelAdmin):
    """Each file's outcome, parsed data and error, as screening left them (read-only)."""

    list_display = ["original_name", "batch", "status", "score", "error"]
    list_filter = ["status", "detected_type"]
    list_select_related = ["batch__opening"]
    search_fields = ["original_name", "error"]
    fieldsets = [
        (None, {"fields": ["original_name", "batch", "status", "error", "score", "flags"]}),
        ("Screening", {"fields": ["matched_skills", "missing_skills", "explanation", "parsed_data"]}),
        ("File", {"fields": ["file", "detected_type", "size", "sha256"]}),
        ("Timing", {"fields": ["started", "finished", "duration_ms"]}),
        ("Extracted text", {"fields": ["text"], "classes": ["collapse"]}),
    ]
    readonly_fields = ["parsed_data", *(field.name for field in Resume._meta.fields)]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="parsed data")
    def parsed_data(self, resume):
        return format_html("<pre>{}</pre>", json.dumps(resume.parsed, indent=2, ensure_ascii=False))
