from django.contrib import admin
from django.urls import include, path

from progress import sse_test_page
from resumescreener.openapi import openapi_json

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("django-rq/", include("django_rq.urls")),
    path("test-sse", sse_test_page.sse_test_page, name="test-sse"),
    path("test-sse/send", sse_test_page.send_test_progress, name="test-sse-send"),
    path("api/v1/openapi.json", openapi_json, name="openapi"),
    path("", include("progress.urls")),
    path("", include("resumes.urls")),
]

handler400 = "resumescreener.errors.bad_request"
handler403 = "resumescreener.errors.permission_denied"
handler404 = "resumescreener.errors.not_found"
handler500 = "resumescreener.errors.server_error"
