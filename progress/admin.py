"""The admin's progress inspector: users with live progress in Redis, their recent events, and a purge.

Registered on an unmanaged model so that it sits in the admin index under "Live progress" like any
contrib app; its pages read Redis directly (see inspector.py) and purge through purge.py.
"""

from django.contrib import admin, messages
from django.contrib.admin.models import DELETION, LogEntry
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from . import inspector
from .models import UserProgress
from .purge import purge


@admin.register(UserProgress)
class UserProgressAdmin(admin.ModelAdmin):
    """Staff see every user's progress and may purge it (as staff may DELETE it through the API)."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("", view(self.changelist_view), name=f"{name}_changelist"),
            path("<str:user_id>/", view(self.detail_view), name=f"{name}_detail"),
            path("<str:user_id>/purge/", view(self.purge_view), name=f"{name}_purge"),
        ]

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "title": title,
            "has_view_permission": True,
            **extra,
        }

    def _template(self, name):
        return f"admin/{self.opts.app_label}/{self.opts.model_name}/{name}"

    def _require_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        request.current_app = self.admin_site.name

    def _summary(self, user_id):
        row, events = inspector.summary(user_id)
        if row is None:
            raise Http404("No such user, and no progress kept under that id.")
        return row, events

    def changelist_view(self, request, extra_context=None):
        self._require_view(request)
        context = self._context(request, "User progress", rows=inspector.summaries(), **(extra_context or {}))
        return TemplateResponse(request, self._template("list.html"), context)

    def detail_view(self, request, user_id):
        self._require_view(request)
        row, events = self._summary(user_id)
        context = self._context(
            request, f"Progress of {row.label}", row=row, events=events, recent=inspector.RECENT_EVENTS
        )
        return TemplateResponse(request, self._template("detail.html"), context)

    def purge_view(self, request, user_id):
        self._require_view(request)
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        row, _ = self._summary(user_id)
        if request.method == "POST":
            [(_user, removed)] = purge(user_ids=[row.user_id])
            if removed:
                LogEntry.objects.log_actions(
                    request.user.pk,
                    [UserProgress(user_id=row.user_id)],
                    DELETION,
                    change_message=f"Purged {removed} progress event{'' if removed == 1 else 's'}.",
                )
                self.message_user(
                    request,
                    f"Removed {removed} progress event{'' if removed == 1 else 's'} of {row.label}.",
                    messages.SUCCESS,
                )
            else:
                self.message_user(request, f"{row.label} had no progress to remove.", messages.WARNING)
            changelist = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_changelist"
            return HttpResponseRedirect(reverse(changelist))
        context = self._context(request, "Are you sure?", row=row)
        return TemplateResponse(request, self._template("purge_confirmation.html"), context)
