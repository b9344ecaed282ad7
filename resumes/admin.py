from django.contrib import admin

from .models import Batch, Opening, Resume


@admin.register(Opening)
class OpeningAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "min_years", "created"]
    search_fields = ["title"]


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    list_display = ["id", "opening", "owner", "status", "completed", "total", "failed", "created"]
    list_filter = ["status"]


@admin.register(Resume)
class ResumeAdmin(admin.ModelAdmin):
    list_display = ["original_name", "batch", "status", "score", "error"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in Resume._meta.fields]

    def has_add_permission(self, request):
        return False
