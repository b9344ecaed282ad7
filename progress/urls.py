from django.urls import path

from . import views
from .metrics import metrics_view

app_name = "progress"

urlpatterns = [
    path("api/v1/sse/progress/stream/recover", views.progress_recover, name="recover"),
    path("api/v1/sse/progress/stream/<str:user_id>", views.progress_stream, name="stream"),
    path("api/v1/sse/progress/status/<str:user_id>", views.progress_status, name="status"),
    path("api/v1/sse/progress/<str:user_id>", views.progress_delete, name="delete"),
    path("api/v1/sse/connections/status", views.connections_status, name="connections"),
    path("metrics", metrics_view, name="metrics"),
]
