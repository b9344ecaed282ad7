from django.urls import path

from . import api

app_name = "resumes"

urlpatterns = [
    path("api/v1/openings", api.openings, name="openings"),
    path("api/v1/openings/<int:opening_id>/batches", api.upload_batch, name="upload"),
    path("api/v1/batches/<uuid:batch_id>", api.batch_detail, name="batch"),
    path("api/v1/batches/<uuid:batch_id>/results.csv", api.batch_csv, name="batch-csv"),
    path("api/v1/batches/<uuid:batch_id>/cancel", api.batch_cancel, name="batch-cancel"),
    path("api/v1/batches/<uuid:batch_id>/retry", api.batch_retry, name="batch-retry"),
]
