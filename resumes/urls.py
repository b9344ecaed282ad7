from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from . import api, views

app_name = "resumes"

urlpatterns = [
    # Pages
    path("", views.OpeningListView.as_view(), name="home"),
    path("accounts/signup/", views.SignUpView.as_view(), name="signup"),
    path("openings/new/", views.OpeningCreateView.as_view(), name="opening-create"),
    path("openings/<int:opening_id>/edit/", views.OpeningUpdateView.as_view(), name="opening-edit"),
    path("openings/<int:opening_id>/upload/", views.UploadPageView.as_view(), name="upload-page"),
    path("batches/<uuid:batch_id>/", views.BatchPageView.as_view(), name="batch-page"),
    path("batches/<uuid:batch_id>/delete/", views.BatchDeleteView.as_view(), name="batch-delete"),
    path(
        "batches/<uuid:batch_id>/files/<int:resume_id>/", views.CandidatePageView.as_view(), name="candidate"
    ),
    path("favicon.ico", RedirectView.as_view(url=static("resumes/favicon.svg"), permanent=True)),
    # JSON API (docs/api.md)
    path("api/v1/openings", api.openings, name="openings"),
    path("api/v1/openings/<int:opening_id>/batches", api.upload_batch, name="upload"),
    path("api/v1/batches/<uuid:batch_id>", api.batch_detail, name="batch"),
    path("api/v1/batches/<uuid:batch_id>/results.csv", api.batch_csv, name="batch-csv"),
    path("api/v1/batches/<uuid:batch_id>/cancel", api.batch_cancel, name="batch-cancel"),
    path("api/v1/batches/<uuid:batch_id>/retry", api.batch_retry, name="batch-retry"),
    path("api/v1/batches/<uuid:batch_id>/files/<int:resume_id>/original", api.original_file, name="original"),
]
