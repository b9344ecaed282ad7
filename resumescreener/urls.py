from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("django-rq/", include("django_rq.urls")),
    path("", include("progress.urls")),
    path("", include("resumes.urls")),
]

handler404 = "resumescreener.errors.not_found"
handler500 = "resumescreener.errors.server_error"
