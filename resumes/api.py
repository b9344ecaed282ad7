"""The screening JSON API (docs/api.md): openings, uploads, results, original files, cancel, retry, delete.

Owner or staff only; someone else's opening or batch is a 404, as if it did not exist.
"""

import csv
import json
from functools import wraps

from django.core.exceptions import TooManyFilesSent
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from progress.responses import json_error, not_authenticated
from resumescreener.json_body import InvalidBody, read_json_object

from . import limits
from .deletion import BatchRunning, delete_batch
from .finding import find
from .forms import FindForm, OpeningForm
from .intake import create_batch
from .jobs import enqueue_batch, publish
from .models import Batch, Opening, Resume
from .originals import has_original, original_response


def api_login_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return not_authenticated()
        return view(request, *args, **kwargs)

    return wrapper


def visible(queryset, user):
    return queryset.all() if user.is_staff else queryset.filter(owner=user)


def not_found(what):
    return json_error(404, "not_found", f"No such {what}.")


@api_login_required
@require_http_methods(["GET", "POST"])
def openings(request):
    if request.method == "GET":
        return JsonResponse({"openings": [o.as_json() for o in visible(Opening.objects, request.user)]})
    try:
        payload = read_json_object(request)
    except InvalidBody as error:
        return json_error(400, "invalid_json", error.detail)
    form = OpeningForm(payload, from_json=True)
    if not form.is_valid():
        return json_error(400, "invalid", json.dumps(form.errors.get_json_data()))
    opening = form.save(commit=False)
    opening.owner = request.user
    opening.save()
    return JsonResponse(opening.as_json(), status=201)


def too_many_files():
    return json_error(400, "too_many_files", f"At most {limits.get('RESUME_MAX_FILES')} files per batch.")


# CSRF is checked by csrf_protect below, once the body is parsed: the middleware would parse it first,
# and Django's own cap on the number of files (DATA_UPLOAD_MAX_NUMBER_FILES) would then answer in HTML.
@csrf_exempt
@api_login_required
@require_POST
def upload_batch(request, opening_id):
    try:
        request.FILES  # noqa: B018 (parses the multipart body)
    except TooManyFilesSent:
        return too_many_files()
    return upload_parsed_batch(request, opening_id)


@csrf_protect
def upload_parsed_batch(request, opening_id):
    opening = visible(Opening.objects, request.user).filter(pk=opening_id).first()
    if opening is None:
        return not_found("opening")
    uploads = request.FILES.getlist("files")
    if not uploads:
        return json_error(400, "no_files", "Attach one or more files in the field `files`.")
    if len(uploads) > limits.get("RESUME_MAX_FILES"):
        return too_many_files()
    batch, resumes = create_batch(request.user, opening, uploads)
    transaction.on_commit(lambda: enqueue_batch(batch))
    return JsonResponse(
        {
            "batch_id": str(batch.pk),
            "total": batch.total,
            "accepted": [r.original_name for r in resumes if r.status == Resume.Status.QUEUED],
            "rejected": [
                {"name": r.original_name, "error": r.error}
                for r in resumes
                if r.status == Resume.Status.FAILED
            ],
            "status_url": reverse("resumes:batch", args=[batch.pk]),
            "stream_url": reverse("progress:stream", args=[request.user.pk]),
        },
        status=202,
    )


def owned_batch(view):
    @wraps(view)
    def wrapper(request, batch_id, *args, **kwargs):
        batch = visible(Batch.objects, request.user).filter(pk=batch_id).first()
        if batch is None:
            return not_found("batch")
        return view(request, batch, *args, **kwargs)

    return api_login_required(wrapper)


def result_json(resume):
    """A file's result as the API gives it: the model's fields and the URL of the original, if kept."""
    url = reverse("resumes:original", args=[resume.batch_id, resume.pk]) if resume.file else None
    return {**resume.as_json(), "original_url": url}


@owned_batch
@require_http_methods(["GET", "DELETE"])
def batch_detail(request, batch):
    if request.method == "DELETE":
        return delete(batch)
    return JsonResponse(
        {
            "batch_id": str(batch.pk),
            "opening_id": batch.opening_id,
            "status": batch.status,
            "total": batch.total,
            "completed": batch.completed,
            "successful_files": batch.successful,
            "failed_files": batch.failed,
            "results": [result_json(r) for r in batch.ranked_resumes()],
        }
    )


def delete(batch):
    try:
        deleted = delete_batch(batch)
    except BatchRunning:
        return json_error(409, "busy", "The batch is still running; cancel it, then delete it.")
    return JsonResponse({"batch_id": deleted.batch_id, "deleted": True, "files": deleted.files})


CSV_COLUMNS = ["rank", "filename", "status", "score", "name", "email", "phone", "years",
               "matched_skills", "missing_skills", "flags", "error"]  # fmt: skip


def csv_cell(value):
    # Cells starting with = + - @ are formulas to spreadsheet programs: neutralise them.
    text = "; ".join(value) if isinstance(value, list) else "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@owned_batch
@require_GET
def batch_csv(request, batch):
    """The batch's results as CSV; the batch page's query parameters (filter, sort) apply here too."""
    ranked = batch.ranked_resumes()
    rows = find(ranked, FindForm(request.GET, ranked).criteria())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="batch-{batch.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for rank, resume in rows:
        row = resume.as_json()
        writer.writerow([rank] + [csv_cell(row[c]) for c in CSV_COLUMNS[1:]])
    return response


@owned_batch
@require_POST
def batch_cancel(request, batch):
    with transaction.atomic():
        cancelled = batch.resumes.filter(status=Resume.Status.QUEUED).update(status=Resume.Status.CANCELLED)
        Batch.objects.filter(pk=batch.pk, final_event_sent=False).update(status=Batch.Status.CANCELLED)
        batch.refresh_from_db()
    publish(batch, f"Cancelled {cancelled} queued files")
    return JsonResponse({"batch_id": str(batch.pk), "cancelled": cancelled, "status": batch.status})


@owned_batch
@require_POST
def batch_retry(request, batch):
    if batch.status not in (Batch.Status.COMPLETED, Batch.Status.CANCELLED):
        return json_error(409, "busy", "The batch is still running; retry when it has finished.")
    with transaction.atomic():
        retried = batch.resumes.filter(status=Resume.Status.FAILED).exclude(detected_type="")
        count = retried.count()
        if count:
            retried.update(status=Resume.Status.QUEUED, error="", flags=[], score=None)
            batch.completed -= count
            batch.failed -= count
            batch.status = Batch.Status.QUEUED
            batch.final_event_sent = False
            batch.finished = None
            batch.save()
            transaction.on_commit(lambda: enqueue_batch(batch))
    return JsonResponse({"batch_id": str(batch.pk), "retried": count, "status": batch.status})


@owned_batch
@require_GET
def original_file(request, batch, resume_id):
    """The uploaded file itself, as an attachment (see originals.py for how it is made harmless)."""
    resume = batch.resumes.filter(pk=resume_id).first()
    if resume is None or not has_original(resume):
        return not_found("file")
    return original_response(resume)
